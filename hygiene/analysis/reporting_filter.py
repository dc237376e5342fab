"""Findings in code that no reporting program runs become checklist questions (issue 10).

A finding is worth printing where its code changes a number the repository reports. The programs
of the repository (`hygiene.analysis.programs`) say which entry points run a file, and what each
one's output is (`hygiene.analysis.purpose`); `hygiene.analysis.seed_evidence.evidence` turns that
into one decision, the one the SEED rules about unseeded draws already take for their draws. Here
the same decision is taken for the findings of the other rules: when every program that runs the
finding's file is known and none of them reports a number (they build committed data, illustrate,
demonstrate a library, time a model on made-up inputs, or run a module's own `__main__` self-test),
the finding becomes a checklist question with that reason (`extra["ask"]`).

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
DEMOTED = frozenset({"exports", "timing", "smoke", "demo"})
# Families the filter applies to: not SEED, whose rules judge the programs of their draws and orders
# themselves (`hygiene.analysis.seed_evidence`, `hygiene.analysis.order_purpose.order_ask`), nor RESULT, whose
# rules are about saved outputs and notebooks as a reader sees them.
FAMILIES = frozenset({"DATA", "EVAL", "LEAK", "PROMPT"})
# Rules whose findings change the predictions themselves (a model run in training mode): an inference
# program (`inference.py`, `infer_video.py`) exists to output its model's predictions, so they are its result.
PREDICTION_RULES = frozenset({"EVAL001"})
# The reasons worded for any finding, not for an unseeded draw.
_REASONS = {"demo": ("the programs that run it are named for a demo, inference, a visualisation, an export or a "
                     "timing run: what they print shows something, it is not a reported result")}


def programs_running(repo: RepoContext, path: str) -> list[str]:
    """The entry points whose run reaches code of `path` (its top level or a function of it)."""
    from hygiene.analysis.programs import programs

    progs = programs(repo)
    return [e for e in progs.entries if path in progs.visited.get(e, ())]


def reporting_class(repo: RepoContext, finding: Finding) -> str:
    """"reports" when a program that runs the finding's code reports a number; "not code" for a
    finding on a data file or a document; "no program" when no program runs its file; else the
    reason (a key of `seed_evidence.REASONS`) that none of them reports."""
    from hygiene.analysis.seed_evidence import finding_evidence

    if not finding.path.endswith((".py", ".ipynb")):
        return "not code"
    entries = programs_running(repo, finding.path)
    if not entries:
        return "no program"
    return finding_evidence(repo, finding, entries) or "reports"


def _asked(f: Finding) -> bool:
    return f.rule not in DECIDED and f.rule[:-3].rstrip("0123456789") in FAMILIES and not f.extra.get("ask") \
        and f.path.endswith(".py")  # a notebook shows its numbers to its reader, whatever its name


def asked_paths(findings: list[Finding]) -> list[str]:
    """The files of the findings the filter asks about."""
    return sorted({f.path for f in findings if _asked(f)})


def path_kinds(repo: RepoContext, findings: list[Finding]) -> dict[str, str]:
    """For each file of `asked_paths(findings)`, `reporting_class` of its findings ("reports" for a
    usage example that computes a metric on evaluation data): it depends on the file only (the
    programs that run it), not on the finding."""
    kinds: dict[str, str] = {}
    for f in findings:
        if _asked(f) and f.path not in kinds:
            kind = reporting_class(repo, f)
            if kind == "demo" and (_example_that_reports(repo, f.path) or f.rule in PREDICTION_RULES and _inference_only(repo, f.path)):
                kind = "reports"
            kinds[f.path] = kind
    return kinds


def ask_outside_reporting(repo: RepoContext, findings: list[Finding], kinds: dict[str, str] | None = None) -> list[Finding]:
    """`findings`, those of code that runs only in programs that report no number made questions.
    `kinds`: `path_kinds` of them; by default replayed from the last scan when what it read is unchanged
    (`hygiene.cache.finalise.reporting_kinds`)."""
    if kinds is None:
        from hygiene.cache.finalise import reporting_kinds

        kinds = reporting_kinds(repo, asked_paths(findings), lambda: path_kinds(repo, findings))
    out = []
    for f in findings:
        if _asked(f):
            kind = kinds[f.path]
            if kind in DEMOTED:
                f = dataclasses.replace(f, extra={**f.extra, "ask": _REASONS.get(kind, REASONS[kind]), "outside_reporting": kind})
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
