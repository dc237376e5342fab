"""DATA021: transcripts in which outputs were cut at the token limit, and no code checks it."""
from __future__ import annotations

import re

from hygiene.context import RepoContext
from hygiene.finding import Severity
from hygiene.analysis.results import stop_column, truncated_count
from hygiene.rule import Rule, invalid, notebook, valid

# Code that branches on why generation stopped: a comparison with the stop field or with a
# truncation value, or a filter on it.
_STOP_TEST = re.compile(
    r"(stop_reason|finish_reason|finishReason|stopReason|done_reason)\W{0,3}\s*(==|!=|\bin\b|\bnot in\b|\bis\b)|"
    r"(==|!=|\bin\b)\s*[\(\[{]?\s*[\"'](max_tokens|length|max_output_tokens|MAX_TOKENS)[\"']|"
    r"[\"'](max_tokens|length|MAX_TOKENS)[\"']\s*(==|!=|\bin\b)")


class TruncatedTranscripts(Rule):
    """
    ## What it does
    Finds transcript files (JSON, JSONL, CSV, parquet) in which some outputs stopped at the token
    limit (`stop_reason: "max_tokens"`, `finish_reason: "length"`, and the same fields of other
    APIs, nested or not), in a repo where no code ever tests that field.

    ## Why is this bad?
    A truncated output has no final answer. Whatever reads these transcripts scores it as wrong
    (or as whatever a fallback extracts), so the metric mixes the model's ability with the token
    budget, and nobody has counted how many outputs were cut.

    ## Example
        {"completion": "It takes 2 bolts of blue fiber and", "stop_reason": "max_tokens"}

    Use instead:
        # raise max_tokens and re-run, or count and exclude the truncated outputs when scoring
        finished = [r for r in rows if r["stop_reason"] != "max_tokens"]
    """
    code = "DATA021"
    category = "DATA-TRUNC"
    severity = Severity.WARNING
    kinds = frozenset({"python", "notebook"})
    triggers = ("reason",)
    message = "{cut} of {rows} outputs in {path} stopped at the token limit (`{column}` is {values}; first at line {first_line}), and no code in the repo checks `{column}`"
    question = "Were the {cut} truncated outputs in {path} scored, and how is each counted in the reported numbers?"
    examples = [
        invalid({
            "runs/claude_cot.jsonl": '{"id": 1, "response": "The answer is 12.", "stop_reason": "end_turn"}\n'
                                     '{"id": 2, "response": "First, we compute the", "stop_reason": "max_tokens"}\n',
            "analysis.ipynb": notebook(
                """
                import pandas as pd
                df = pd.read_json("runs/claude_cot.jsonl", lines=True)
                """,
                """
                df["correct"] = df["response"].str.contains("12")
                df["correct"].mean()
                """,
            ),
        }, expect=[("runs/claude_cot.jsonl", 2, "DATA021")],
            note="a notebook analyses the transcripts, and no cell looks at stop_reason"),
        valid({
            "runs/claude_cot.jsonl": '{"id": 1, "response": "The answer is 12.", "stop_reason": "end_turn"}\n'
                                     '{"id": 2, "response": "First, we compute the", "stop_reason": "max_tokens"}\n',
            "analysis.ipynb": notebook(
                """
                import pandas as pd
                df = pd.read_json("runs/claude_cot.jsonl", lines=True)
                print((df["stop_reason"] == "max_tokens").sum(), "responses cut")
                """,
                """
                done = df[df["stop_reason"] != "max_tokens"]
                done["response"].str.contains("12").mean()
                """,
            ),
        }, note="near miss: a cell counts and drops the cut responses"),
        valid({
            "results/run1/outputs.jsonl": '{"output": "x", "finish_reason": "length"}\n',
            "evalkit/__init__.py": "",
            "evalkit/filters.py": """
                def finished(rows):
                    return [r for r in rows if r["finish_reason"] != "length"]
            """,
            "evalkit/score.py": """
                import json
                from .filters import finished

                rows = [json.loads(l) for l in open("results/run1/outputs.jsonl")]
                print(len(rows) - len(finished(rows)), "cut")
            """,
        }, note="near miss across modules: the check lives in a helper module the scorer imports"),
        invalid({
            "transcripts/run.jsonl": '{"completion": "so 18", "stop_reason": "end_turn"}\n'
                                     '{"completion": "It takes 2 bolts", "stop_reason": "max_tokens"}\n',
            "score.py": "rows = load('transcripts/run.jsonl')\nprint(sum(r['ok'] for r in rows))\n",
        }, expect=[("transcripts/run.jsonl", 2, "DATA021")]),
        invalid({
            "outputs/gpt.jsonl": '{"choices": [{"text": "x", "finish_reason": "length"}]}\n',
        }, expect=[("outputs/gpt.jsonl", 1, "DATA021")]),
        valid({
            "transcripts/run.jsonl": '{"completion": "x", "finish_reason": "length"}\n',
            "score.py": "done = [r for r in rows if r['finish_reason'] != 'length']\n",
        }, note="the scorer excludes truncated outputs"),
        valid({
            "transcripts/run.jsonl": '{"completion": "so 18", "stop_reason": "end_turn"}\n',
        }, note="near miss: every output finished"),
        valid({
            "data/questions.jsonl": '{"question": "How long is it?", "reason": "length"}\n',
        }, note="near miss: a `reason` field that is not about generation"),
        invalid({
            "results/run1/outputs.jsonl": '{"output": "The answer is", "finish_reason": "length"}\n'
                                          '{"output": "B", "finish_reason": "stop"}\n',
            "evalkit/__init__.py": "",
            "evalkit/filters.py": """
                def answered(rows):
                    return [r for r in rows if r["output"].strip()]
            """,
            "evalkit/score.py": """
                import json
                from .filters import answered

                rows = [json.loads(l) for l in open("results/run1/outputs.jsonl")]
                print(sum(r["output"].strip() == "B" for r in answered(rows)) / len(rows))
            """,
        }, expect=[("results/run1/outputs.jsonl", 1, "DATA021")],
            note="across modules: the scorer and its filter helper (another module) never look at finish_reason"),
    ]

    def finish(self) -> None:
        if _STOP_TEST.search(self.ctx.text):
            self.ctx.facts[self.code] = {"checks_stop": True}

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        if any(fact.get("checks_stop") for _, fact in repo.facts(cls.code)):
            return
        for path, profile in repo.facts("table"):
            column = stop_column(profile)
            if column is None:
                continue
            name, stats = column
            cut, line = truncated_count(stats)
            if not cut:
                continue
            values = ", ".join(f"`{v}` {n}x" for v, n, _ in stats.get("top", [])[:3])
            repo.report(cls, path, line or None, snippet=f"{name}: {values}", cut=cut, rows=profile.get("rows", 0),
                        column=name, values=values, first_line=line)
