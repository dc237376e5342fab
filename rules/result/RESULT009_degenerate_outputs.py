"""RESULT009: transcripts whose model outputs are empty, error messages, or mostly one text."""
from __future__ import annotations

import re
from typing import Any

from hygiene.finding import Severity
from hygiene.analysis.results import is_result_path
from hygiene.rule import Rule, invalid, valid

# Columns holding what a model generated (the last part of a flattened key).
_OUTPUT_COLUMN = re.compile(r"^(completion|response|output|generation|generated_text|model_output|model_response|"
                            r"reply|answer_text|raw_output|raw_response|content|text)$", re.I)
_ERROR_TEXT = re.compile(r"^\s*(\[?error\]?\b|error:|exception\b|traceback \(most recent|api ?error|"
                         r"rate ?limit|ratelimiterror|apierror|apiconnectionerror|timeout|request failed|"
                         r"internal server error|<error>)", re.I)
MIN_ROWS = 5


def _output_columns(profile: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, stats in profile.get("columns", {}).items():
        last = name.rsplit(".", 1)[-1]
        if _OUTPUT_COLUMN.match(last) and stats.get("strings", 0) >= stats.get("count", 0) * 0.9:
            if last.lower() in ("content", "text") and "message" not in name and "choices" not in name \
                    and "response" not in name and "output" not in name:
                continue  # a bare `text` column is as often the input as the output
            found.append((name, stats))
    return found


class DegenerateOutputs(Rule):
    """
    ## What it does
    Finds transcript files among the results (JSONL, JSON, CSV, parquet) in which model outputs
    are empty, are error messages rather than replies, or are mostly one and the same text.

    ## Why is this bad?
    Empty and error outputs are scored like answers: as wrong, as "not refused", as the default
    class. A large share of identical long outputs usually means a cache hit for every item, a
    prompt the model could not read, or a canned refusal. The metric computed from such a file
    describes the pipeline's failures, not the model.

    ## Example
        {"id": 7, "response": ""}
        {"id": 8, "response": "Error: rate limit exceeded"}

    Use instead:
        # retry or drop failed calls, and count them in the results
        {"n": 200, "n_api_errors": 3, "n_empty": 0, ...}
    """
    code = "RESULT009"
    category = "RESULT-SUSPECT"
    severity = Severity.WARNING
    kinds = frozenset({"data"})
    message = "{count} of {total} outputs in `{column}` of {path} {what} (first at line {first_line})"
    question = "How were the {count} outputs of {path} that {what} scored, and do they change the reported numbers?"
    examples = [
        invalid({"results/transcripts.jsonl": "".join(
            f'{{"id": {i}, "response": "{"" if i % 4 == 0 else f"The answer is {i}."}"}}\n' for i in range(12))},
            expect=[("results/transcripts.jsonl", 1, "RESULT009")]),
        invalid({"outputs/run.jsonl": "".join(
            f'{{"id": {i}, "completion": "I am sorry, but I cannot help with that request."}}\n' if i % 5 else
            f'{{"id": {i}, "completion": "Sure: step {i} is to mix the two solutions."}}\n' for i in range(20))},
            expect=[("outputs/run.jsonl", 2, "RESULT009")]),
        invalid({"results/gen.jsonl": "".join(
            f'{{"id": {i}, "output": "{"Error: rate limit exceeded" if i in (3, 9) else f"Answer {i}"}"}}\n'
            for i in range(10))}, expect=[("results/gen.jsonl", 4, "RESULT009")]),
        valid({"results/mcq.jsonl": "".join(f'{{"id": {i}, "response": "B"}}\n' for i in range(20))},
              note="near miss: a one-letter answer repeated is a label, not a degenerate output"),
        valid({"data/prompts.jsonl": "".join(f'{{"id": {i}, "response": ""}}\n' for i in range(10))},
              note="near miss: inputs to fill in are not results"),
    ]

    def check_file(self) -> None:
        profile = self.ctx.data
        if not profile or not is_result_path(self.ctx.path) or profile.get("rows", 0) < MIN_ROWS:
            return
        total = profile["rows"]
        for name, stats in _output_columns(profile):
            empty = stats.get("empty", 0) + stats.get("missing", 0)
            if empty and empty >= max(2, total * 0.05):
                line = min(x for x in (stats.get("empty_line", 0), stats.get("missing_line", 0)) if x) \
                    if (stats.get("empty_line") or stats.get("missing_line")) else None
                self._report(name, empty, total, "are empty", line)
                return
            errors = [(n, line) for value, n, line in stats.get("top", []) if _ERROR_TEXT.match(str(value))]
            count = sum(n for n, _ in errors)
            if count and count >= max(2, total * 0.02):
                self._report(name, count, total, "are error messages, not replies", min(line for _, line in errors))
                return
            top = stats.get("top", [])
            if top and total >= 20 and len(str(top[0][0])) >= 20 and top[0][1] >= total * 0.5 and stats.get("distinct", 0) > 0:
                self._report(name, top[0][1], total, f"are the same text (\"{str(top[0][0])[:60]}\")", top[0][2])
                return

    def _report(self, column: str, count: int, total: int, what: str, line: int | None) -> None:
        self.ctx.report(type(self), None, line=line or None, snippet=f"{column}: {what}", fields={
            "column": column, "count": count, "total": total, "what": what, "first_line": line or "?"})
