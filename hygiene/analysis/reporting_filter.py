"""Findings in code that no reporting program runs become checklist questions (issue 10).

A finding is worth printing where its code changes a number the repository reports. The programs
of the repository (`hygiene.analysis.programs`) say which entry points run a file, and what each
one's output is (`hygiene.analysis.purpose`); `hygiene.analysis.seed_evidence.evidence` turns that
into one decision, the one the SEED rules about unseeded draws already take for their draws. Here
the same decision is taken for the findings of the other rules: when every program that runs the
finding's file is known and none of them reports a number (they build committed data, illustrate,
demonstrate a library, time a model on made-up inputs, or run a module's own `__main__` self-test),
the finding becomes a checklist question with that reason (`extra["ask"]`). Code in a file's
`if __name__ == "__main__":` block is run by that file alone, not by the programs importing it: a
module's self-test there is "smoke" whoever imports the module, and a block that stops in the debugger
(`pdb.set_trace()`, `breakpoint()`) is a developer's check run by hand ("debug"; held-out set 26 and the
vendored copies of the same model-editing module in two other repositories).

Left as they are:
- findings in a program named only a usage example (`example_classification.py`) that computes a
  metric on evaluation data: the code says it measures a result, which outweighs its name;
- findings on files no program runs (a library's modules called by a framework, a task's helpers
  a YAML config names): nothing is known of their programs, so nothing is concluded;
- findings on data files and documents (not code), and in notebooks: a notebook shows its numbers
  to its reader whatever it is named (held-out set 15's `NGCF_demo.ipynb` copies a training loop);
- rules that decide by their draws' evidence already (`DECIDED`), and findings a rule already
  made questions;
- classes of evidence that the judged corpus does not support (`DEMOTED` lists the ones that do:
  see benchmarks/README.md, "Findings outside reporting programs").
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from hygiene.analysis.seed_evidence import REASONS

if TYPE_CHECKING:
    from hygiene.context import RepoContext
    from hygiene.finding import Finding

# Rules whose findings already carry the evidence of their programs (`hygiene.analysis.unseeded_draws`),
# or that are about programs that seed (SEED010: the environment of a seeded RL program; SEED011: a
# seed read from the clock): a program that seeds wants repeatable runs, whatever it reports.
DECIDED = frozenset({"SEED001", "SEED002", "SEED003", "SEED004", "SEED005", "SEED006", "SEED009", "SEED010",
                     "SEED011"})
# The reasons of `seed_evidence.evidence` that make a finding of another rule a question: the programs
# are named for a demo, an export or a timing run, time a model on made-up inputs, export it, or are a
# module's own `__main__` self-test. Measured and left out (benchmarks/README.md, "Findings outside
# reporting programs"): "data" (a script that reads results and writes a table is an analysis, not a
# data builder: six labels of probe 1 lost) and "illustration" (textbook and tutorial notebooks whose
# findings were judged real, a notebook that queries a model and counts its answers).
DEMOTED = frozenset({"exports", "timing", "smoke", "demo", "debug"})
# Families the filter applies to: not SEED, whose rules judge the programs of their draws and orders
# themselves (`hygiene.analysis.seed_evidence`, `hygiene.analysis.order_purpose.order_ask`), nor RESULT, whose
# rules are about saved outputs and notebooks as a reader sees them.
FAMILIES = frozenset({"DATA", "EVAL", "LEAK", "PROMPT"})
# Rules whose findings change the predictions themselves (a model run in training mode): an inference
# program (`inference.py`, `infer_video.py`) exists to output its model's predictions, so they are its result.
PREDICTION_RULES = frozenset({"EVAL001"})
# The reasons worded for any finding, not for an unseeded draw.
_REASONS = {"demo": ("the programs that run it are named for a demo, inference, a visualisation, an export or a "
                     "timing run: what they print shows something, it is not a reported result"),
            "debug": ("it runs only in the file's `__main__` block, which stops in the debugger (`pdb.set_trace()`): "
                      "a developer's check run by hand, not a program whose numbers are reported")}


def programs_running(repo: RepoContext, path: str) -> list[str]:
    """The entry points whose run reaches code of `path` (its top level or a function of it)."""
    from hygiene.analysis.programs import programs

    progs = programs(repo)
    return [e for e in progs.entries if path in progs.visited.get(e, ())]


def reporting_class(repo: RepoContext, finding: Finding) -> str:
    """"reports" when a program that runs the finding's code reports a number; "not code" for a
    finding on a data file or a document; "no program" when no program runs its file; else the
    reason (a key of `seed_evidence.REASONS`) that none of them reports. Code in the file's
    `if __name__ == "__main__":` block is run by the file itself only, not by the programs importing it."""
    from hygiene.analysis.programs import programs
    from hygiene.analysis.seed_evidence import finding_evidence, self_test

    if not finding.path.endswith((".py", ".ipynb")):
        return "not code"
    entries = programs_running(repo, finding.path)
    block = main_block(repo, finding)
    if block is not None:
        progs = programs(repo)
        if finding.path not in progs.entries:
            return "no program"
        if block[2]:
            return "debug"  # the block stops in the debugger: a developer's check, run by hand
        if self_test(finding.path, progs):
            return "smoke"  # a module other code imports, run by its own `__main__` block
        entries = [finding.path]
    if not entries:
        return "no program"
    return finding_evidence(repo, finding, entries) or "reports"


def _asked(f: Finding) -> bool:
    return f.rule not in DECIDED and f.rule[:-3].rstrip("0123456789") in FAMILIES and not f.extra.get("ask") \
        and f.path.endswith(".py")  # a notebook shows its numbers to its reader, whatever its name


def asked_paths(findings: list[Finding], repo: RepoContext | None = None) -> list[str]:
    """The places (`_place`) of the findings the filter asks about."""
    return sorted({_place(repo, f) for f in findings if _asked(f)})


def path_kinds(repo: RepoContext, findings: list[Finding]) -> dict[str, str]:
    """For each place of `asked_paths(findings)`, `reporting_class` of its findings ("reports" for a
    usage example that computes a metric on evaluation data): it depends on the file (the programs
    that run it) and on whether the finding is in its `__main__` block, not on the finding otherwise."""
    kinds: dict[str, str] = {}
    for f in findings:
        place = _place(repo, f) if _asked(f) else ""
        if place and place not in kinds:
            kind = reporting_class(repo, f)
            if kind == "demo" and (_example_that_reports(repo, f.path) or f.rule in PREDICTION_RULES and _inference_only(repo, f.path)):
                kind = "reports"
            kinds[place] = kind
    return kinds


_MAIN = "::__main__"


def _place(repo: RepoContext | None, finding: Finding) -> str:
    """The finding's file, or `path::__main__` for a finding in the file's `__main__` block."""
    return finding.path + _MAIN if repo is not None and main_block(repo, finding) is not None else finding.path


def main_block(repo: RepoContext, finding: Finding) -> tuple[int, int, bool] | None:
    """(first line, last line, stops in the debugger) of the top-level `if __name__ == "__main__":` body of the
    finding's Python file that holds the finding's line (not its `else`), or None. Only running the file itself
    reaches that code, not the programs that import the file (held-out set 26: a model-editing module's
    debugging block, which stops at `pdb.set_trace()`)."""
    if finding.line is None or not finding.path.endswith(".py"):
        return None
    blocks = repo.shared(f"main_blocks:{finding.path}", lambda: _main_blocks(repo.code_text(finding.path)))
    return next((b for b in blocks if b[0] <= finding.line <= b[1]), None)


def _main_blocks(text: str | None) -> list[tuple[int, int, bool]]:
    import ast

    try:
        tree = ast.parse(text or "")
    except (SyntaxError, ValueError):
        return []
    blocks = []
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1 \
                and isinstance(node.test.ops[0], ast.Eq) and node.body:
            sides = [node.test.left, *node.test.comparators]
            if any(isinstance(x, ast.Name) and x.id == "__name__" for x in sides) \
                    and any(isinstance(x, ast.Constant) and x.value == "__main__" for x in sides):
                # `pdb.set_trace()` / `breakpoint()` as a statement of the block itself, not under a condition
                stops = any(isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and ast.unparse(s.value.func)
                            in _DEBUGGER_STOPS for s in node.body)
                blocks.append((node.lineno, node.body[-1].end_lineno or node.body[-1].lineno, stops))
    return blocks


_DEBUGGER_STOPS = frozenset({"pdb.set_trace", "ipdb.set_trace", "breakpoint", "pudb.set_trace", "IPython.embed", "embed"})


def ask_outside_reporting(repo: RepoContext, findings: list[Finding], kinds: dict[str, str] | None = None) -> list[Finding]:
    """`findings`, those of code that runs only in programs that report no number made questions.
    `kinds`: `path_kinds` of them; by default replayed from the last scan when what it read is unchanged
    (`hygiene.cache.finalise.reporting_kinds`)."""
    if kinds is None:
        from hygiene.cache.finalise import reporting_kinds

        kinds = reporting_kinds(repo, asked_paths(findings, repo), lambda: path_kinds(repo, findings))
    out = []
    for f in findings:
        if _asked(f):
            kind = kinds[_place(repo, f)]
            if kind in DEMOTED:
                f = dataclasses.replace(f, extra={**f.extra, "ask": _REASONS.get(kind) or REASONS[kind], "outside_reporting": kind})
        out.append(f)
    return out


def _example_that_reports(repo: RepoContext, path: str) -> bool:
    """A program named only a usage example (`benchmarking/example_classification.py`) that computes
    a metric on evaluation data: what it measures is a result, whatever its name says (the SEED
    rules, which judge whether a run is meant to be repeatable, keep reading the name)."""
    from hygiene.analysis.programs import programs
    from hygiene.analysis.seed_evidence import named_for_example_only

    progs = programs(repo)
    return any(progs.uses.get(e) == "reports" and named_for_example_only(e) for e in programs_running(repo, path))


def _inference_only(repo: RepoContext, path: str) -> bool:
    """Are the programs that run `path` named for inference (`inference.py`, `infer.py`), and by no word of
    a demo, a visualisation, an export or a timing run? Their output is the model's predictions."""
    from hygiene.analysis.seed_evidence import _words

    entries = programs_running(repo, path)
    return bool(entries) and all(_words(e.rsplit("/", 1)[-1].rsplit(".", 1)[0]) & _INFERENCE_WORDS
                                 and not _words(e.rsplit("/", 1)[-1].rsplit(".", 1)[0]) & _SHOWING_WORDS for e in entries)


_INFERENCE_WORDS = frozenset({"inference", "infer"})
_SHOWING_WORDS = frozenset("demo demos interactive playground play visualize visualise visualization visualisation vis viz "
                           "export onnx profile profiler profiling speed timing latency throughput smoke sanity deploy "
                           "deployment tensorrt trt openvino coreml tflite debug debugging scratch".split())
