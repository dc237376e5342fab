""""Look at the data": an item for each data, transcript or result file the code reads or writes.

The files come from the engine's `io` facts (which file reads or writes which path); the rows
come from the profile the file phase cached for each data file (`hygiene.parsing.profile`): a
sample chosen by a generator seeded from the file's content, so it stays the same until the file
changes. Transcripts (files with model outputs) are read again for the sampled rows, so outputs
are shown whole, and for the first rows that look like failures: errors, refusals, empty or cut
off outputs, which are what a researcher most needs to see. Exports of an experiment tracker's runs
table (W&B's CSV: `Name, State, Notes, User, ...`) that the code reads are one item per folder,
required only when a run in them did not finish: like exports are looked at together (held-out set
29: a dozen required questions, one per CSV a result notebook plotted). So are the other data files of
one folder with the same columns and the same role (held-out set 30: a generated JSON file per topic),
except transcripts, each read whole for its failures.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hygiene.analysis.apis.llm import STOP_FIELDS, TRUNCATED_VALUES
from hygiene.analysis.refusals import REFUSAL
from hygiene.analysis.producers import specific
from hygiene.checklist.items import Item, Sample, short_hash
from hygiene.finding import Severity
from hygiene.parsing.tables import iter_rows

if TYPE_CHECKING:
    from hygiene.runner import ScanResult

MAX_DATA_ITEMS = 12
MAX_FILES_PER_PATTERN = 3
MAX_FAILURE_ROWS = 2
# Columns that hold what a model said (last dotted part, lowercased).
OUTPUT_FIELDS = frozenset({
    "response", "output", "outputs", "completion", "generation", "generated_text", "model_output",
    "model_response", "reply", "raw", "raw_output", "raw_response", "assistant", "content", "text",
    "answer_text", "prediction_text", "transcript", "message",
})
# Names that also hold a dataset's own text (a caption, a document): outputs only where a model writes them.
GENERIC_TEXT = frozenset({"text", "content", "message", "raw"})
CHAT_FIELDS = frozenset({"messages", "choices", "conversation", "conversations", "turns", "chat", "delta", "candidates"})
# The first columns of an experiment tracker's runs-table export (W&B), and the states of runs that did not finish.
EXPORT_HEAD = frozenset({"Notes", "User", "Tags", "Created", "Runtime", "Sweep"})
UNFINISHED = frozenset({"crashed", "failed", "killed", "running", "preempted"})
ERROR_FIELDS = frozenset({"error", "errors", "exception", "err", "failure", "error_message", "traceback"})


@dataclass
class DataUse:
    path: str
    reads: list[str] = field(default_factory=list)  # "train.py:13"
    writes: list[str] = field(default_factory=list)
    model_writer: bool = False  # written by a file that calls a model


def data_uses(result: ScanResult) -> list[DataUse]:
    """The scanned data files that some code file reads or writes, with who does it."""
    data_files = {s.path for s in result.files if s.kind == "data"}
    calls_model = {path for path, res in result.results.items()
                   if {"model_call", "local_model_call"} & set(res.facts.get("activity", {}))}
    uses: dict[str, DataUse] = {}
    for code_path, res in sorted(result.results.items()):
        for record in res.facts.get("io", []):
            for path in _resolve(record.get("path", ""), code_path, data_files):
                use = uses.setdefault(path, DataUse(path))
                where = f"{code_path}:{record.get('line')}" if record.get("line") else code_path
                (use.writes if record.get("mode") == "write" else use.reads).append(where)
                if record.get("mode") == "write" and code_path in calls_model:
                    use.model_writer = True
    return sorted(uses.values(), key=lambda u: u.path)


def _resolve(pattern: str, code_path: str, data_files: set[str]) -> list[str]:
    """Data files `pattern` (relative to the repo root or to the code file's folder) names."""
    if not pattern or pattern.startswith(("/", "~")) or "://" in pattern or not specific(pattern):
        return []  # (`*/`, a folder whatever it is, or `*.json`: names no file closely enough)
    candidates = [posixpath.normpath(pattern)]
    folder = posixpath.dirname(code_path)
    if folder:
        candidates.append(posixpath.normpath(posixpath.join(folder, pattern)))
    found: list[str] = []
    for candidate in candidates:
        if candidate.startswith("../"):
            continue
        if "*" in candidate:
            matches = sorted(p for p in data_files if fnmatch.fnmatchcase(p, candidate))
            found.extend(matches[:MAX_FILES_PER_PATTERN])
        elif candidate in data_files:
            found.append(candidate)
        if found:
            break
    return found


def data_items(result: ScanResult, rows_per_file: int, field_chars: int) -> list[Item]:
    items = []
    uses = data_uses(result)
    # Transcripts first, then results the code writes, then inputs: what most needs reading.
    uses.sort(key=lambda u: (not u.model_writer, not u.writes, u.path))
    exports: dict[str, list[tuple[DataUse, dict[str, Any], str]]] = {}
    alike: dict[tuple, list[tuple[DataUse, dict[str, Any], str]]] = {}
    for use in uses[:MAX_DATA_ITEMS]:
        res = result.results.get(use.path)
        summary = res.facts.get("table") if res is not None else None
        if not summary or summary.get("fatal") or _settings(use, summary):
            continue
        if tracker_export(summary) and not use.writes:
            exports.setdefault(posixpath.dirname(use.path), []).append((use, summary, res.digest))
            continue
        # Files of one folder with the same columns and the same role are looked at together (held-out set 30:
        # a generated JSON file per topic); a transcript keeps its own item, read whole for its failures.
        key = (posixpath.dirname(use.path), bool(use.writes), bool(use.reads), summary.get("format"),
               tuple(sorted(summary.get("columns", {}))), id(use) if transcript_fields(summary, use.model_writer) else 0)
        alike.setdefault(key, []).append((use, summary, res.digest))
    for (folder, *_), group in alike.items():
        items.append(_item(group[0][0], group[0][1], group[0][2], result.root / group[0][0].path, rows_per_file)
                     if len(group) == 1 or not folder else _alike_item(folder, group, result.root, rows_per_file))
    items += [_export_item(folder, group, result.root, rows_per_file) for folder, group in exports.items()]
    return items


def _alike_item(folder: str, group: list[tuple[DataUse, dict[str, Any], str]], root: Path, rows_per_file: int) -> Item:
    """One item for files of one folder alike (the same columns, read or written by the same code),
    shown by the rows of the first."""
    use, summary, digest = group[0]
    first = _item(use, summary, digest, root / use.path, rows_per_file)
    names = [u.path.rsplit("/", 1)[-1] for u, _, _ in group]
    places = DataUse(folder, reads=list(dict.fromkeys(r for u, _, _ in group for r in u.reads)),
                     writes=list(dict.fromkeys(w for u, _, _ in group for w in u.writes)))
    count = f"{len(group)} files"
    shown = ", ".join(f"`{n}`" for n in names[:6]) + (" …" if len(names) > 6 else "")
    detail = (f"{count} in `{folder}/` with the same columns ({shown}), {'read' if use.reads else 'written'} by "
              f"{_who(places)}. Rows of `{names[0]}` shown. " + first.detail.split(". ", 1)[-1])
    return dataclasses.replace(
        first, id=short_hash("data-alike", folder, *sorted(summary.get("columns", {}))), path=folder, detail=detail,
        title=first.title.replace(f"`{use.path}`", f"`{folder}/` ({count} alike)"),
        question=first.question.replace(f"of `{use.path}`", f"of `{names[0]}` and the other {len(group) - 1} "
                                                            f"file{'s' if len(group) > 2 else ''} like it in `{folder}/`"),
        fallback=(short_hash("data", folder, length=12),), attrs={"digest": short_hash(*(d for _, _, d in group), length=12)})


def tracker_export(summary: dict[str, Any]) -> bool:
    """A CSV export of an experiment tracker's runs table: `Name, State`, then the tracker's own columns."""
    columns = list(summary.get("columns", {}))[:10]
    return columns[:2] == ["Name", "State"] and len(EXPORT_HEAD & set(columns)) >= 2


def _export_item(folder: str, group: list[tuple[DataUse, dict[str, Any], str]], root: Path, rows_per_file: int) -> Item:
    """One item for the tracker exports of one folder, shown by the rows of the first; required (a warning)
    only when some run in them did not finish."""
    use, summary, digest = group[0]
    first = _item(use, summary, digest, root / use.path, rows_per_file)
    names = [u.path.rsplit("/", 1)[-1] for u, _, _ in group]
    states = sorted({str(value).strip('"') for _, s, _ in group
                     for value, _, _ in s.get("columns", {}).get("State", {}).get("top", [])} & UNFINISHED)
    readers = DataUse(folder, reads=list(dict.fromkeys(r for u, _, _ in group for r in u.reads)))
    where = f"`{folder}/`" if folder else "the repository's top folder"
    count = f"{len(group)} file{'s' if len(group) > 1 else ''}"
    detail = (f"{count} exported from an experiment tracker's runs table "
              f"({', '.join(f'`{n}`' for n in names[:6])}{' …' if len(names) > 6 else ''}), read by {_who(readers)}. "
              + (f"Some runs are {', '.join(states)}. " if states else "Every run in them finished. ")
              + f"Rows of `{names[0]}` shown. " + first.detail.split(". ", 1)[-1])
    return dataclasses.replace(
        first, id=short_hash("data-exports", folder), path=folder or ".", detail=detail,
        title=f"Look at the exported runs: {where} ({count})",
        question=(f"Do the runs exported in {where} include every run the figures and tables should show, "
                  "and none that crashed, was cut short or belongs to another setting?"),
        severity=Severity.WARNING if states else Severity.INFO, fallback=(short_hash("data", folder, length=12),),
        attrs={"digest": short_hash(*(d for _, _, d in group), length=12)})


def _settings(use: DataUse, summary: dict[str, Any]) -> bool:
    """A JSON object the code only reads, with no records in it: settings or a lookup table
    (`{"llama-7b": "/models/llama", ...}`, tuned hyperparameters), not rows of data to look at."""
    return (summary.get("format") == "json" and not use.writes and summary.get("rows", 0) <= 1
            and not summary.get("records_at") and not transcript_fields(summary, False, generic=True))


def transcript_fields(summary: dict[str, Any], model_writer: bool, generic: bool = False) -> tuple[str, ...]:
    """Columns of model outputs: by name, and long enough to be generated text. A generic name (`text`,
    `content`) in a file no model call here writes is the data's own text (a benchmark's captions, held-out
    set 30), unless it sits in a message (`messages[].content`, `choices[].message.content`)."""
    found = []
    for name, stats in summary.get("columns", {}).items():
        last = name.rsplit(".", 1)[-1].rstrip("[]").lower()
        parent = name.rsplit(".", 2)[-2].rstrip("[]").lower() if "." in name else ""
        if last in GENERIC_TEXT and not (model_writer or generic) and parent not in OUTPUT_FIELDS | CHAT_FIELDS:
            continue
        if last in OUTPUT_FIELDS and stats.get("strings") and (stats.get("max_length", 0) >= 40 or model_writer):
            found.append(name)
    return tuple(found)


def looks_failed(values: dict[str, Any], outputs: Iterable[str]) -> str:
    """Why a row looks like a failed, refused or cut off model call, or ""."""
    for key, value in values.items():
        last = key.rsplit(".", 1)[-1].rstrip("[]").lower()
        if last in ERROR_FIELDS and value not in (None, "", [], {}, False, 0):
            return f"`{key}` is set"
        if last in {f.lower() for f in STOP_FIELDS} and value in TRUNCATED_VALUES:
            return f"`{key}` is {value!r}: cut off at the token limit"
    for name in outputs:
        if name not in values:
            continue
        value = values[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            return f"`{name}` is empty"
        if isinstance(value, str) and REFUSAL.search(value[:400]):
            return f"`{name}` reads like a refusal"
    return ""


def _item(use: DataUse, summary: dict[str, Any], digest: str, file: Path, rows_per_file: int) -> Item:
    sampled = summary.get("sample", [])
    if len(sampled) > rows_per_file:
        step = len(sampled) / rows_per_file
        sampled = [sampled[int(i * step)] for i in range(rows_per_file)]
    outputs = transcript_fields(summary, use.model_writer)
    rows: list[tuple[int | None, dict[str, Any]]] = [(r.get("line"), dict(r.get("values", {}))) for r in sampled]
    failures = 0
    failure_notes: list[str] = []
    if outputs:
        rows, failures, failure_notes = _reread(file, rows, outputs)
    columns = tuple(summary.get("columns", {}))[:40]
    total = summary.get("rows")
    name = use.path
    who = _who(use)
    if outputs:
        kind_text = "model outputs"
        question = (f"Read these outputs of `{name}` whole. Did any fail, refuse, get cut off, or get "
                    f"parsed into a label it should not have? Out of the {total:,} rows, how many are like "
                    "that, and how are they counted in the results?")
    elif use.writes and not use.reads:
        kind_text = "results"
        question = (f"Do these values of `{name}` match what {who} should have produced and what you "
                    "report? Is anything empty, NaN, constant, or computed on fewer rows than you expected?")
    else:
        kind_text = "data"
        question = (f"What did you notice in these rows of `{name}`? Do they hold what {who} expects "
                    "(columns, types, labels), and are there empty, duplicated or surprising values?")
    detail = [f"{'Read' if use.reads else 'Written'} by {who}."]
    if total is not None:
        shown = len(rows)
        detail.append(f"{total:,} row{'s' if total != 1 else ''}; {shown} shown, chosen at random from the "
                      "file's content (the same rows until the file changes).")
    if columns:
        detail.append("Columns: " + ", ".join(f"`{c}`" for c in columns[:12]) + (" …" if len(columns) > 12 else "") + ".")
    if summary.get("problem"):
        detail.append(f"Reading it: {summary['problem']}.")
    if outputs and failures:
        detail.append(f"{failures:,} row{'s' if failures != 1 else ''} look{'s' if failures == 1 else ''} like a "
                      f"failed, refused or cut off call ({'; '.join(failure_notes)}); "
                      f"{'the first is' if failures == 1 else 'the first ones are'} shown.")
    elif outputs:
        detail.append("No row looks like a failed, refused or cut off call (errors, empty outputs, refusals, "
                      "a token-limit stop reason).")
    sample = Sample(name, tuple(rows), total, columns, outputs, failures)
    basename = name.rsplit("/", 1)[-1]
    return Item(
        id=short_hash("data", name), kind="data", title=f"Look at the {kind_text}: `{name}`",
        question=question, severity=Severity.WARNING, fallback=(short_hash("data", basename, length=12),
                                                                 short_hash("data-content", digest, length=12)),
        path=name, detail=" ".join(detail), source="hygiene", sample=sample,
        attrs={"digest": digest[:12]},
    )


def _who(use: DataUse) -> str:
    places = use.reads or use.writes
    text = ", ".join(f"`{p}`" for p in places[:3])
    return text + (f" and {len(places) - 3} more" if len(places) > 3 else "")


def _reread(file: Path, rows: list[tuple[int | None, dict[str, Any]]], outputs: tuple[str, ...]
            ) -> tuple[list[tuple[int | None, dict[str, Any]]], int, list[str]]:
    """The sampled rows whole, the first failure rows, and the number of failure rows."""
    wanted = {line for line, _ in rows if line is not None}
    whole: dict[int, dict[str, Any]] = {}
    failures: list[tuple[int | None, dict[str, Any]]] = []
    reasons: list[str] = []
    count = 0
    for row in iter_rows(file):
        why = looks_failed(row.values, outputs)
        if why:
            count += 1
            if why.split(" ", 1)[1] not in [r.split(" ", 1)[1] for r in reasons] and len(reasons) < 3:
                reasons.append(why)
            if len(failures) < MAX_FAILURE_ROWS and row.line not in wanted:
                failures.append((row.line, row.values))
        if row.line in wanted:
            whole[row.line] = row.values
    shown = [(line, whole.get(line, values) if line is not None else values) for line, values in rows]
    if failures and not any(looks_failed(v, outputs) for _, v in shown):
        shown = shown[:max(1, len(shown) - len(failures))] + failures
        shown.sort(key=lambda r: r[0] or 0)
    return shown, count, reasons
