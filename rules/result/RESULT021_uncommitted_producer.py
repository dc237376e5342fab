"""RESULT021: code or data that produces a committed results file has uncommitted changes."""
from __future__ import annotations

from hygiene.context import RepoContext
from hygiene.finding import Severity
from hygiene.analysis.producers import describe, staleness
from hygiene.rule import Rule, invalid, valid

SCORE = """
import json
from grade import is_correct

rows = [json.loads(l) for l in open("preds.jsonl")]
acc = sum(is_correct(r["pred"], r["gold"]) for r in rows) / len(rows)
json.dump({"acc": acc}, open("results/summary.json", "w"))
"""
GRADE = """
def is_correct(pred, gold):
    return pred == gold
"""
GRADE_EDITED = """
def is_correct(pred, gold):
    return pred.strip().lower() == gold.strip().lower()
"""
FILES = {"score.py": SCORE, "grade.py": GRADE, "preds.jsonl": '{"pred": "a", "gold": "a"}\n',
         "results/summary.json": '{"acc": 1.0}\n'}
HISTORY = [{"message": "first run", "date": "2025-01-12T10:00:00", "files": FILES}]


class UncommittedProducer(Rule):
    """
    ## What it does
    Finds committed results files whose producing code or data (the script that writes the
    file, the repo modules it imports, the data files it reads) has uncommitted changes in the
    working tree while the results file itself is unchanged since its last commit.

    ## Why is this bad?
    The edit is about to be committed, or the next run will use it, but the committed numbers
    came from the code as it was before. Committing the code without rerunning leaves a results
    file that no version of the repository produces.

    ## Example
        # grade.py edited (uncommitted); results/summary.json, which score.py writes with
        # grade.is_correct, still holds the numbers of the old grader

    Use instead:
        # rerun `python score.py`, then commit grade.py and results/summary.json together
    """

    code = "RESULT021"
    category = "RESULT-STALE"
    severity = Severity.WARNING
    kinds = frozenset()
    message = ("`{producer}` has uncommitted changes, but `{result}` (committed {result_date}), which it "
               "produces via {site}, was not regenerated")
    question = ("Will `{result}` be regenerated with the edited `{producer}` before the edit is committed "
                "or its numbers are reported?")
    examples = [
        invalid(FILES, history=HISTORY, uncommitted={"grade.py": GRADE_EDITED},
                expect=[("results/summary.json", None, "RESULT021")], note="the grader is edited"),
        invalid(FILES, history=HISTORY,
                uncommitted={"preds.jsonl": '{"pred": "b", "gold": "a"}\n'},
                expect=[("results/summary.json", None, "RESULT021")], note="its input is re-collected"),
        valid(FILES, history=HISTORY,
              uncommitted={"grade.py": GRADE_EDITED, "results/summary.json": '{"acc": 0.5}\n'},
              note="the results were regenerated too, not yet committed"),
        valid(FILES, history=HISTORY, uncommitted={"grade.py": "# grading\n" + GRADE},
              note="only a comment was added"),
        valid(FILES, history=HISTORY, uncommitted={"notes.py": "print('scratch')\n"},
              note="a new file that produces nothing"),
    ]

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        for verdict in staleness(repo):
            if verdict.stale or not verdict.uncommitted:
                continue
            culprit = next(c for c in verdict.culprits if c.uncommitted)
            fields, related = describe(verdict, culprit)
            message = cls.message
            if culprit.role == "writer":
                message = message.replace("which it produces via {site}", "which it writes at {site}")
            elif culprit.role == "input":
                message = ("`{producer}`, which {reader} reads to write `{result}` at {site}, has uncommitted "
                           "changes, but `{result}` (committed {result_date}) was not regenerated")
            repo.report(cls, verdict.path, None, message=message, related=related, **fields)
