"""Repository files as the reviewer sees them: redacted, numbered, cut to what matters.

A `SentFile` is the exact text sent for one file, keyed by the line number a finding reports
(for notebooks: the document-order joined line of ../shared/bench/README.md), so grounding checks
a quote against precisely what the model saw. Relevance comes from the engine: the files' `io`
facts, qualified names resolved by `hygiene.analysis.names`, model calls as `hygiene.analysis.apis.llm` sees them,
sklearn knowledge from `hygiene.analysis.apis.sklearn`, and the static findings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from hygiene.analysis.apis import llm as llm_api
from hygiene.analysis.apis import plain, sklearn
from hygiene.config import Config
from hygiene.context import FileContext
from hygiene.llm.redact import is_secret_file, redact
from hygiene.analysis.names import NameResolver
from hygiene.parsing import notebook as notebook_parsing
from hygiene.parsing.python import ParseError, decode, parse
from hygiene.walk import Dispatch, walk

CHARS_PER_TOKEN = 3.0  # code is token-dense; an overestimate keeps packing under the counted budget
MAX_LINE_CHARS = 400  # minified or data-like lines are cut, never sent whole


def estimate_tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1


@dataclass
class SentFile:
    path: str
    kind: str  # python, notebook, data, text
    role: str  # "code" (review it), "context" (unchanged code a change depends on), "sample", "claims"
    lines: dict[int, str]  # reported line number -> the text sent
    cells: dict[int, tuple[int, int]] = field(default_factory=dict)  # notebook: line -> (cell, line in cell)
    total_lines: int = 0
    redactions: int = 0
    notes: list[str] = field(default_factory=list)  # hygiene's own words about the file (a data profile)

    @property
    def complete(self) -> bool:
        return len(self.lines) >= self.total_lines

    def text(self) -> str:
        return "\n".join(self.lines.values())

    def tokens(self) -> int:
        notes = estimate_tokens("\n".join(self.notes)) if self.notes else 0
        # The text, its line-number margins ("  123 | ", 8 characters a line) and the header.
        return estimate_tokens(self.text()) + 8 * len(self.lines) // 3 + 20 + notes

    def span(self) -> str:
        if self.complete:
            return f"{self.total_lines} lines"
        return f"{len(self.lines)} of {self.total_lines} lines"


# -- reading ----------------------------------------------------------------------------------------
def read_head(path: Path, limit: int = 65_536) -> bytes:
    with path.open("rb") as fh:
        return fh.read(limit)


def withheld(path: str, abspath: Path) -> bool:
    """Never send a file that looks like it holds credentials."""
    try:
        head = read_head(abspath, 4096).decode("utf-8", errors="replace")
    except OSError:
        return True
    return is_secret_file(path, head)


def _cut(line: str) -> str:
    return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS] + " …[line cut]"


def load_code(path: str, kind: str, abspath: Path) -> SentFile | None:
    """The whole of a Python file or notebook as read (not yet redacted: see `redacted`); None
    when it cannot be read."""
    try:
        data = abspath.read_bytes()
        if kind == "notebook":
            cells = notebook_parsing.read_cells(data)
            pieces: list[str] = []
            where: dict[int, tuple[int, int]] = {}
            for cell in (c for c in cells if c.cell_type == "code"):
                for offset, text in enumerate(cell.source.split("\n")):
                    pieces.append(text)
                    where[len(pieces)] = (cell.index, offset + 1)
            text = "\n".join(pieces)
        else:
            text = decode(data)
            where = {}
    except (OSError, ParseError, UnicodeDecodeError):
        return None
    numbered = dict(enumerate(text.split("\n"), start=1))
    return SentFile(path, kind, "code", numbered, where, len(numbered))


def redacted(sent: SentFile) -> SentFile:
    """The file as it may be sent: secrets replaced over the whole text (so that a key block cut
    by a window is still caught), line numbers unchanged, very long lines cut."""
    clean, count = redact(sent.text())
    lines = {n: _cut(line) for n, line in zip(sent.lines, clean.split("\n"))}
    return SentFile(sent.path, sent.kind, sent.role, lines, sent.cells, sent.total_lines, count, sent.notes)


def sample_data(path: str, abspath: Path, max_lines: int, table: dict | None = None) -> SentFile | None:
    """The first lines of a data or results file, cut and redacted, with the engine's profile of
    the whole file (hygiene.parsing.profile, the cached fact `table`) when there is one."""
    notes = profile_notes(table)
    if path.lower().endswith((".parquet", ".feather", ".arrow")):
        # Binary: the profile is all that can be shown.
        return SentFile(path, "data", "sample", {}, total_lines=0, notes=notes) if notes else None
    try:
        head = read_head(abspath, 32_768)
    except OSError:
        return None
    if b"\x00" in head[:4096]:
        return None
    text = head.decode("utf-8", errors="replace")
    # Pretty-printed JSON spends a line per field: show more of them.
    limit = max_lines * 4 if path.lower().endswith(".json") else max_lines
    raw = text.split("\n")
    complete = len(raw) <= limit and len(head) < 32_768
    clean, count = redact("\n".join(raw[:limit]))
    lines = {n: _cut(line) for n, line in enumerate(clean.split("\n"), start=1)}
    total = len(raw) if complete else max(len(raw), limit + 1)
    return SentFile(path, "data", "sample", lines, total_lines=total, redactions=count, notes=notes)


def _number(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def profile_notes(table: dict | None, max_columns: int = 12) -> list[str]:
    """A few lines summarising every row of a table: what a sample of five rows cannot show
    (all-identical values, NaN, missing fields, n)."""
    if not isinstance(table, dict) or table.get("fatal"):
        return []
    notes = []
    rows = table.get("rows") or 0
    columns = table.get("columns") or {}
    if rows >= 2 and isinstance(columns, dict):
        notes.append(f"profile of all {rows:,} rows, computed by hygiene:")
        for name, col in list(columns.items())[:max_columns]:
            if not isinstance(col, dict):
                continue
            parts = [f"{col[k]} {label}" for k, label in (("missing", "missing"), ("nan", "NaN"), ("empty", "empty"))
                     if col.get(k)]
            if col.get("numbers"):
                parts.append(f"numbers {_number(col.get('min'))} to {_number(col.get('max'))}, "
                             f"mean {_number(col.get('mean'))}")
            parts.append(f"{col.get('distinct', '?')}{'+' if col.get('distinct_capped') else ''} distinct")
            top = ", ".join(f"{str(v)[:40]} ×{n}" for v, n, *_ in (col.get("top") or [])[:3])
            notes.append(f"  {name}: {'; '.join(parts)}" + (f"; most common: {top}" if top else ""))
        if len(columns) > max_columns:
            notes.append(f"  ... and {len(columns) - max_columns} more columns")
    if table.get("problem"):
        notes.append(f"reading problem: {table['problem']}")
    return [redact(note)[0] for note in notes]


_CLAIM = re.compile(
    r"(\d+(\.\d+)?\s*%|\b\d+\.\d+\b|\b(accuracy|f1|auc|auroc|bleu|rouge|win[- ]rate|pass@|exact match|"
    r"outperform|improve|state[- ]of[- ]the[- ]art|sota|significant|beats?|reduces?|increases?|"
    r"drops?|robust|generali[sz]e|we (find|show|observe)|results?)\b|^\s*\|)", re.IGNORECASE)


def readme_claims(path: str, abspath: Path, max_lines: int = 120) -> SentFile | None:
    """The README's headings and the lines that state results, with their true line numbers."""
    try:
        text = abspath.read_bytes()[:200_000].decode("utf-8", errors="replace")
    except OSError:
        return None
    clean, count = redact(text)
    all_lines = clean.split("\n")
    if len(all_lines) <= max_lines:
        chosen = {n: _cut(line) for n, line in enumerate(all_lines, start=1)}
    else:
        chosen = {}
        for n, line in enumerate(all_lines, start=1):
            if line.lstrip().startswith("#") or _CLAIM.search(line):
                chosen[n] = _cut(line)
                if len(chosen) >= max_lines:
                    break
    return SentFile(path, "text", "claims", chosen, total_lines=len(all_lines), redactions=count)


# -- relevance --------------------------------------------------------------------------------------
_SKLEARN = frozenset(sklearn.short(n) for n in sklearn.METRICS | sklearn.SPLIT_FUNCTIONS | sklearn.SPLITTERS
                     | sklearn.PREPROCESSORS | sklearn.RESAMPLERS | sklearn.CV_FUNCTIONS)
_ENDPOINT_CALLS = tuple("." + tail + "(" for tail in llm_api.ENDPOINT_TAILS)


@dataclass(frozen=True)
class Signal:
    """Research-relevant activity: any of `words` (compared lower-cased when `fold`), or any of
    `fragments` in the text. Counted once per file."""

    weight: int
    words: frozenset[str]
    fold: bool = False
    fragments: tuple[str, ...] = ()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SIGNALS: tuple[Signal, ...] = (
    Signal(4, frozenset(llm_api.PROVIDER_ROOTS) | _words("generate pipeline"), fragments=_ENDPOINT_CALLS),
    Signal(3, _SKLEARN),
    Signal(3, _words("split fit fit_transform transform train_test test_size holdout fold"), fold=True),
    Signal(3, _words("grade grader judge score scores correct accuracy metric metrics evaluate eval f1 auc loss"), fold=True),
    Signal(2, _words("prompt prompts system_prompt few_shot fewshot template messages completion"), fold=True),
    Signal(2, _words("read_csv read_json read_parquet load_dataset DataLoader Dataset jsonl"), fragments=("json.load",)),
    Signal(2, _words("to_csv to_json savefig result results write"), fragments=("json.dump",)),
    Signal(2, _words("no_grad backward optimizer"), fragments=(".train(", ".eval(")),
    Signal(1, _words("random seed shuffle sample manual_seed random_state temperature")),
    Signal(1, _words("except dropna fillna max_tokens max_new_tokens")),
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def text_relevance(text: str) -> int:
    """The summed weight of the signals present in `text`: one pass for its identifiers."""
    words = set(_IDENTIFIER.findall(text))
    folded = {w.lower() for w in words}
    return sum(signal.weight for signal in SIGNALS
               if not (signal.words.isdisjoint(folded if signal.fold else words))
               or any(fragment in text for fragment in signal.fragments))


_TEST_PATH = re.compile(r"(^|/)(tests?|testing)/|(^|/)(test_[^/]*|[^/]*_test|conftest)\.py$|(^|/)(setup|noxfile|"
                        r"tasks)\.py$|(^|/)docs?/|(^|/)migrations/")


def is_test_or_tooling(path: str) -> bool:
    return bool(_TEST_PATH.search(path))


class _HotLines:
    """Lines worth sending from a file too large to send whole: model calls, splits, fits,
    metrics, randomness, error handlers, as the engine's name resolution sees them."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.lines: dict[int, int] = {}

    def _mark(self, node: cst.CSTNode, weight: int) -> None:
        line = self.ctx.line_of(node)
        if line is not None:
            self.lines[line] = max(self.lines.get(line, 0), weight)

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.names.qualified_name(node.func)
        if llm_api.model_call(name, node):
            self._mark(node, 4)
            return
        if name is None:
            if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("fit", "fit_transform", "split"):
                self._mark(node, 2)
            return
        bare = plain(name)
        if (bare in sklearn.METRICS or bare in sklearn.SPLIT_FUNCTIONS or bare in sklearn.SPLITTERS
                or bare in sklearn.PREPROCESSORS or bare in sklearn.RESAMPLERS or bare in sklearn.CV_FUNCTIONS):
            self._mark(node, 3)
        elif bare.startswith(("random.", "numpy.random.", "torch.manual_seed", "torch.utils.data.random_split")):
            self._mark(node, 2)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._mark(node, 1)


MAX_HOT_LINES_FILE = 3_000  # positions in a larger module cost more than the text signals save


def hot_lines(sent: SentFile, config: Config) -> dict[int, int]:
    """{line: weight} from one parse and walk of the file; empty when it does not parse or is
    too large to be worth it (its text signals still weigh its lines)."""
    if len(sent.lines) > MAX_HOT_LINES_FILE:
        return {}
    text = sent.text()
    try:
        if sent.kind == "notebook":
            # Parse the same lines as sent; cells keep their joined line numbers.
            pieces = [notebook_parsing.cell_python(line) for line in text.split("\n")]
            module = parse("\n".join(pieces))
        else:
            module = parse(text)
    except ParseError:
        return {}
    resolver = NameResolver(module, sent.path.rsplit(".", 1)[0].replace("/", "."))
    ctx = FileContext(sent.path, sent.kind, text, config, module, resolver)
    visitor = _HotLines(ctx)
    try:
        walk(module, Dispatch([resolver, visitor]), ctx.parents)
    except Exception:  # a resolver bug on exotic code costs the windows, not the review
        return {}
    return visitor.lines


_BLOCK_START = re.compile(r"^(?:async\s+def|def|class|@|if\s+__name__|for|while|with|try)\b")


def blocks(sent: SentFile) -> list[tuple[int, int]]:
    """(first, last) line of each top-level block: a function, a class, a run of statements."""
    numbers = list(sent.lines)
    if not numbers:
        return []
    starts = [numbers[0]]
    for n in numbers[1:]:
        line = sent.lines[n]
        if sent.cells and sent.cells.get(n, (0, 0))[1] == 1:
            starts.append(n)  # every notebook cell starts a block
        elif line and not line[0].isspace() and _BLOCK_START.match(line):
            previous = sent.lines.get(n - 1, "")
            if not previous.startswith("@"):
                starts.append(n)
    ends = [s - 1 for s in starts[1:]] + [numbers[-1]]
    return list(zip(starts, ends))


def window(sent: SentFile, budget_tokens: int, weights: dict[int, int]) -> SentFile:
    """The file cut to its most relevant blocks (imports first, then by weight), in source order."""
    if sent.tokens() <= budget_tokens:
        return sent
    spans = blocks(sent)
    scored = []
    for index, (first, last) in enumerate(spans):
        weight = sum(w for line, w in weights.items() if first <= line <= last)
        text = "\n".join(sent.lines[n] for n in range(first, last + 1) if n in sent.lines)
        is_imports = all(not ln.strip() or ln.lstrip().startswith(("import ", "from ", "#")) for ln in text.split("\n"))
        scored.append((0 if is_imports and index < 3 else 1, -weight, index, first, last, estimate_tokens(text) + (last - first)))
    chosen: list[tuple[int, int]] = []
    used = 0
    for group, negative_weight, _, first, last, cost in sorted(scored):
        if group == 1 and negative_weight == 0:
            break
        if used + cost > budget_tokens:
            if cost > budget_tokens // 2:
                first, last = _trim_block(first, last, weights, budget_tokens - used)
                cost = (last - first + 1) * 12
                if first > last or used + cost > budget_tokens:
                    continue
            else:
                continue
        chosen.append((first, last))
        used += cost
    keep = {n for first, last in chosen for n in range(first, last + 1)}
    lines = {n: text for n, text in sent.lines.items() if n in keep}
    return SentFile(sent.path, sent.kind, sent.role, lines, {n: c for n, c in sent.cells.items() if n in keep},
                    sent.total_lines, sent.redactions)


def _trim_block(first: int, last: int, weights: dict[int, int], budget_tokens: int) -> tuple[int, int]:
    """A block too long to send whole: the lines around its heaviest line that fit."""
    heavy = [line for line, _ in sorted(weights.items(), key=lambda kv: -kv[1]) if first <= line <= last]
    centre = heavy[0] if heavy else first
    half = max(budget_tokens // 24, 5)  # about a dozen tokens per line of code
    return max(first, centre - half), min(last, centre + half)
