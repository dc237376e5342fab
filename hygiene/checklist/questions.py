"""Repo-level questions, chosen by what the repository does.

Drawn from published reporting standards: REFORMS (Kapoor et al., "REFORMS: Consensus-based
Recommendations for Machine-learning-based Science", Science Advances 2024) and the data-leakage
taxonomy of Kapoor and Narayanan ("Leakage and the reproducibility crisis in machine-learning-based
science", Patterns 2023). Each question is asked only when the engine's facts show the activity it
is about (`activity` facts, `hygiene.analysis.facts`), and names the places that triggered it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hygiene.analysis.purpose import makes_data
from hygiene.checklist.items import Item
from hygiene.finding import Severity

if TYPE_CHECKING:
    from hygiene.runner import ScanResult

MAX_TEXT_BYTES = 512_000


@dataclass(frozen=True)
class RepoQuestion:
    id: str
    title: str
    question: str
    reference: str
    activities: tuple[str, ...]  # kinds of `activity` facts that trigger it
    # Evidence from other files than code: (path, line, what) triples.
    extra_evidence: Callable[[ScanResult], list[tuple[str, int | None, str]]] | None = None
    # Which evidence comes first (the question's place): a sort key of a path, lowest first.
    first: Callable[[str], int] | None = None


# Where replies are scored (a judge, an evaluator, a scorer) and where they make data or vectors.
_SCORING_WORDS = frozenset({"judge", "judges", "judging", "eval", "evals", "evaluate", "evaluation", "evaluator",
                            "evaluators", "score", "scores", "scorer", "scoring", "grade", "grader", "grading",
                            "metric", "metrics", "benchmark", "bench", "assess", "assessment", "rate", "rating"})
_VECTOR_WORDS = frozenset({"embedding", "embeddings", "embed", "embedder", "vectors", "vectorize"})  # no reply text
_HELPER_WORDS = frozenset({"convert", "conversion", "download", "preprocess",
                           "preprocessing", "baseline", "baselines", "finetune", "finetuning", "demo", "demos",
                           "example", "examples", "tutorial", "docs"})


def scored_calls_first(path: str) -> int:
    """0 for a file named for judging or scoring replies (`lib/judge/harm_evaluator.py`), 2 for a
    helper that makes data or baselines (`data/convert_facts.py`), 3 for one that makes vectors, not
    text (`rag_baselines/embedding.py`), 1 otherwise: the failed-call question belongs where failed
    replies change a score (sets 24-27)."""
    words = {w for w in re.split(r"[^a-z]+", path.lower().rsplit(".", 1)[0]) if w}
    if words & _SCORING_WORDS:
        return 0
    if words & _VECTOR_WORDS:
        return 3
    return 2 if makes_data(path) or words & _HELPER_WORDS else 1


def comparison_tables(result: ScanResult) -> list[tuple[str, int | None, str]]:
    """Tables of numbers in the repo's prose (README, reports): the results it states."""
    found = []
    for source in result.files:
        if source.kind != "text" or source.size > MAX_TEXT_BYTES:
            continue
        try:
            text = source.abspath.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line, rows in _numeric_tables(text):
            found.append((source.path, line, f"has a table of {rows} rows of results"))
    return found[:4]


_NUMBER = re.compile(r"(?<![\w.])[-+]?\d*\.\d+%?|(?<![\w.])\d+(\.\d+)?\s?%")
# A table of results names what it measures; a table of settings (learning rates) does not.
_METRIC_WORDS = re.compile(
    r"\b(acc(uracy)?|f1|auc|auroc|score|bleu|rouge|loss|error|agreement|win[- ]?rate|rate|precision|recall|"
    r"mse|rmse|mae|r2|r\^2|pass@\d+|exact[- ]match|perplexity|ppl|correlation|kappa|success|performance)\b|%",
    re.IGNORECASE)


def _numeric_tables(text: str) -> list[tuple[int, int]]:
    """(first line, rows with a number) of each markdown or LaTeX table with two or more such rows."""
    tables: list[tuple[int, int]] = []
    start, rows, in_tabular = 0, 0, False
    lines = text.split("\n")
    table_text: list[str] = []
    for number, line in enumerate(lines + [""], start=1):
        stripped = line.strip()
        is_md_row = stripped.startswith("|") and stripped.count("|") >= 2
        if "\\begin{tabular" in stripped:
            in_tabular, start, rows, table_text = True, number, 0, []
            continue
        if in_tabular:
            table_text.append(stripped)
            if "\\end{tabular" in stripped:
                in_tabular = False
                if rows >= 2 and _METRIC_WORDS.search(" ".join(table_text)):
                    tables.append((start, rows))
                rows = 0
            elif "&" in stripped and _NUMBER.search(stripped):
                rows += 1
            continue
        if is_md_row:
            if rows == 0 and not start:
                start, table_text = number, []
            table_text.append(stripped)
            if not re.fullmatch(r"[|:\-\s]+", stripped) and _NUMBER.search(stripped):
                rows += 1
        else:
            if start and rows >= 2 and _METRIC_WORDS.search(" ".join(table_text)):
                tables.append((start, rows))
            start, rows = 0, 0
    return tables


QUESTIONS = (
    RepoQuestion(
        id="repo-split",
        title="About the study: how were train and test kept apart?",
        question=("What is the unit of the split (row, person, item, source, time period), and could the same "
                  "person, item, near-duplicate or a later time period end up on both sides? Was anything "
                  "(scaling, vocabulary, feature selection, resampling, tuning, early stopping) fit on data "
                  "that includes the test rows?"),
        reference=("REFORMS module 6 (data leakage); Kapoor and Narayanan's leakage taxonomy, L1 (no clean "
                   "separation of training and test data: preprocessing, feature selection and duplicates "
                   "across the split) and L3 (test data not independent: temporal leakage, non-independent "
                   "samples)"),
        activities=("split",),
    ),
    RepoQuestion(
        id="repo-selection",
        title="About the study: which data chose the model?",
        question=("Which data chose the hyperparameters, the checkpoint, the threshold or the prompt: a "
                  "validation split, cross-validation on training data only, or the test set? If the test "
                  "set was looked at while choosing, say how often."),
        reference="REFORMS module 6 (data leakage); Kapoor and Narayanan's leakage taxonomy, L1 (model selection on test data)",
        activities=("tuning",),
    ),
    RepoQuestion(
        id="repo-model-calls",
        title="About the study: what happened to the model calls that failed?",
        question=("Out of all model calls in the last run, what fraction failed (errors, timeouts, rate "
                  "limits), were refused, were cut off at the token limit, or could not be parsed? Where did "
                  "those rows go: retried, dropped from the denominator, or scored as an answer? Give the "
                  "counts."),
        reference="REFORMS module 3 (data quality: missing and excluded data) and module 7 (metrics)",
        activities=("model_call",),
        first=scored_calls_first,
    ),
    RepoQuestion(
        id="repo-comparison",
        title="About the study: how many items, seeds, and how much spread?",
        question=("For each number the results compare: how many items was it computed on, how many runs or "
                  "seeds stand behind it, and what is the spread (standard deviation or confidence "
                  "interval)? Is each difference you report larger than the run-to-run spread?"),
        reference="REFORMS module 7 (metrics and uncertainty estimates) and module 8 (generalizability)",
        activities=("stats_test",),
        extra_evidence=comparison_tables,
    ),
)


def repo_items(result: ScanResult) -> list[Item]:
    places: dict[str, list[tuple[str, int | None, str]]] = {}
    for path, res in sorted(result.results.items()):
        for kind, entries in res.facts.get("activity", {}).items():
            for line, name in entries:
                places.setdefault(kind, []).append((path, line, f"calls `{name}`"))
    items = []
    for question in QUESTIONS:
        evidence = [p for kind in question.activities for p in places.get(kind, [])]
        if question.extra_evidence is not None:
            evidence += question.extra_evidence(result)
        if not evidence:
            continue
        if question.first is not None:
            evidence.sort(key=lambda place: question.first(place[0]))  # stable: path order within a rank
        shown = "; ".join(f"`{path}:{line}` {what}" if line else f"`{path}` {what}" for path, line, what in evidence[:3])
        more = f" (and {len(evidence) - 3} more)" if len(evidence) > 3 else ""
        items.append(Item(
            id=question.id, kind="repo", title=question.title, question=question.question,
            severity=Severity.WARNING, detail=f"Asked because {shown}{more}.", source="hygiene",
            reference=question.reference, path=evidence[0][0], line=evidence[0][1],
        ))
    return items
