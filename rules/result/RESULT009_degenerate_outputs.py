"""RESULT009: transcripts whose model outputs are empty, error messages, or mostly one text."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import libcst as cst

from hygiene.analysis.refusals import REFUSAL, counted_refusal, refusal_markers
from hygiene.analysis.results import is_result_path
from hygiene.analysis.strings import string_value
from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid

# Columns holding what a model generated (the last part of a flattened key).
# A role before the output word names whose output it is (`judge_reply`, `grader_response`,
# `target_completion`); `expected_output`, `gold_response` or `reference_output` name the reference instead.
_OUTPUT_COLUMN = re.compile(r"^((?:model|judge|grader|evaluator|assistant|policy|target|attacker|llm|raw)_?)?"
                            r"(completion|response|output|generation|reply)s?$|"
                            r"^(generated_text|answer_text|content|text)$", re.I)
_ERROR_TEXT = re.compile(r"^\s*(\[?error\]?\b|error:|exception\b|traceback \(most recent|api ?error|"
                         r"rate ?limit|ratelimiterror|apierror|apiconnectionerror|timeout|request failed|"
                         r"internal server error|<error>)", re.I)
MIN_ROWS = 5
# Below this share, empty outputs are as likely the model's own (it ends at once on some prompts) as a
# failed call: nothing in a file of empty strings tells the two apart, so they are a checklist question.
FEW_EMPTY = 0.15


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
    are empty, are error messages rather than replies, or are mostly one and the same text. One
    model's run on several benchmarks (`results/mmlu/llama-7b.jsonl`, `results/gsm8k/llama-7b.jsonl`)
    is one finding. Outputs that no committed score reads, by the repo's own evidence (rating files
    name the transcripts they rate, and none names this one), are a checklist question instead.
    Identical refusals are not reported where the repository's own code counts refusals (it keeps
    a list of refusal openings such as `"I'm sorry"`, `"I cannot"` to match replies against, as
    jailbreak, over-refusal and refusal-direction evaluations do): there the refusal is the
    measured outcome, scored as a refusal, not a failed call scored as an answer. A few empty
    outputs (under 15% in every file of the run) are a question too: a model that ends at once on
    some prompts writes empty strings as well, and nothing in the file tells that from a failed call.
    Two table shapes are judged without output text: a prediction column (`pred`, `y_pred`, `label_pred`, a
    detector's `flagged`) holding one class on every row while the labels vary (a collapsed classifier), and a judge's graded score (`judge_score`,
    `rating`, `grader_score`: a number on a scale, not a 0/1 verdict) that is one value on every item
    of a per-item table of 20 or more rows (replies parsed into one fallback score).

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
    kinds = frozenset({"data", "python", "notebook"})
    # Code files are read only for the refusal openings they match replies against.
    triggers = ("sorry", "cannot", "can't", "unable", "As an AI", "As an ai")
    message = "{count} of {total} outputs in `{column}` of {path} {what} (first at line {first_line})"
    question = "How were the {count} outputs of {path} that {what} scored, and do they change the reported numbers?"
    examples = [
        invalid({
            "outputs/test_predictions.csv": "id,label,pred\n" + "".join(f"{i},{int(i % 3 == 0)},0\n" for i in range(1, 41)),
        }, expect=[("outputs/test_predictions.csv", None, "RESULT009")], note="one predicted class on every row while the labels vary"),
        valid({
            "outputs/test_predictions.csv": "id,label,pred\n" + "".join(f"{i},{int(i % 3 == 0)},{int(i % 4 == 0)}\n" for i in range(1, 41)),
        }, note="the predictions vary"),
        invalid({
            "results/predictions.csv": "id,gold,flagged\n" + "".join(
                f"{i},{'harmful' if i % 3 == 0 else 'benign'},0\n" for i in range(40)),
        }, expect=[("results/predictions.csv", None, "RESULT009")],
            note="probe 24: a harm classifier's `flagged` column is 0 on every row while the gold labels vary"),
        valid({
            "results/predictions.csv": "id,gold,flagged\n" + "".join(
                f"{i},{'harmful' if i % 3 == 0 else 'benign'},{int(i % 3 == 0 or i % 7 == 1)}\n" for i in range(40)),
        }, note="near miss: the flags vary"),
        invalid({"results/transcripts.jsonl": "".join(
            f'{{"id": {i}, "response": "{"" if i % 4 == 0 else f"The answer is {i}."}"}}\n' for i in range(12))},
            expect=[("results/transcripts.jsonl", 1, "RESULT009")]),
        invalid({"outputs/run.jsonl": "".join(
            f'{{"id": {i}, "completion": "I am sorry, but I cannot help with that request."}}\n' if i % 5 else
            f'{{"id": {i}, "completion": "Sure: step {i} is to mix the two solutions."}}\n' for i in range(20))},
            expect=[("outputs/run.jsonl", 2, "RESULT009")]),
        invalid({"results/judged.jsonl": "".join(
            f'{{"id": {i}, "judge_reply": "{"ERROR: 429 Too Many Requests" if i % 3 == 1 else "SAFE"}", "harmful": false}}\n'
            for i in range(12))}, expect=[("results/judged.jsonl", 2, "RESULT009")],
            note="the judge's replies: a role before the output word names whose output the column holds"),
        valid({"results/judged.jsonl": "".join(
            f'{{"id": {i}, "expected_reply": "{"ERROR: 429 Too Many Requests" if i % 3 == 1 else "SAFE"}", "reply": "SAFE"}}\n'
            for i in range(12))}, note="near miss: the expected reply is the reference the test checks for, not a model's output"),
        invalid({"results/gen.jsonl": "".join(
            f'{{"id": {i}, "output": "{"Error: rate limit exceeded" if i in (3, 9) else f"Answer {i}"}"}}\n'
            for i in range(10))}, expect=[("results/gen.jsonl", 4, "RESULT009")]),
        valid({
            "runs/steered/harmless_completions.json": "[" + ",".join(
                f'{{"prompt": "Name a fruit ({i})", "response": "I cannot provide information or guidance on that topic."}}'
                if i % 4 else f'{{"prompt": "Name a fruit ({i})", "response": "An apple, for example {i}."}}'
                for i in range(24)) + "]",
            "evaluate.py": """
                REFUSAL_PREFIXES = ["I'm sorry", "I am sorry", "I cannot", "I can't", "As an AI"]
                def refused(reply):
                    return any(p in reply for p in REFUSAL_PREFIXES)
            """,
        }, note="near miss: identical refusals where the repo's judge counts refusals (a steering or jailbreak "
                "evaluation): the refusal is the measured outcome"),
        invalid({
            "runs/steered/harmless_completions.json": "[" + ",".join(
                f'{{"prompt": "Name a fruit ({i})", "response": "I cannot provide information or guidance on that topic."}}'
                if i % 4 else f'{{"prompt": "Name a fruit ({i})", "response": "An apple, for example {i}."}}'
                for i in range(24)) + "]",
            "evaluate.py": """
                ERROR_PREFIXES = ["Error:", "Timeout"]
                def failed(reply):
                    return any(p in reply for p in ERROR_PREFIXES)
            """,
        }, expect=[("runs/steered/harmless_completions.json", None, "RESULT009")],
            note="the same refusals where nothing in the code counts refusals: they are scored as answers"),
        valid({"results/mcq.jsonl": "".join(f'{{"id": {i}, "response": "B"}}\n' for i in range(20))},
              note="near miss: a one-letter answer repeated is a label, not a degenerate output"),
        valid({"data/prompts.jsonl": "".join(f'{{"id": {i}, "response": ""}}\n' for i in range(10))},
              note="near miss: inputs to fill in are not results"),
        invalid({
            "results/gsm8k/llama-7b.jsonl": "".join(
                f'{{"id": {i}, "completion": "{"" if i % 3 == 0 else f"so the total is {i}"}"}}\n' for i in range(12)),
            "results/mmlu/llama-7b.jsonl": "".join(
                f'{{"id": {i}, "completion": "{"" if i % 4 == 0 else "(B)"}"}}\n' for i in range(12)),
        }, expect=[("results/gsm8k/llama-7b.jsonl", 1, "RESULT009")],
            note="one model's empty outputs on two benchmarks: one finding, the other file named with it"),
        valid({"results/generations/30b-flan-oa.jsonl": "".join(
            f'{{"id": {i}, "output": "{"" if i % 10 == 0 else f"Here is a poem about {i} cats."}"}}\n' for i in range(40))},
            note="near miss (held-out 3): one in ten outputs empty, records alike otherwise: a model that ends at once "
                 "on some prompts writes that too; a checklist question"),
        invalid({"results/generations/30b-flan-oa.jsonl": "".join(
            f'{{"id": {i}, "output": "{"" if i % 4 == 0 else f"Here is a poem about {i} cats."}"}}\n' for i in range(40))},
            expect=[("results/generations/30b-flan-oa.jsonl", 1, "RESULT009")],
            note="the twin: a quarter of the outputs are empty"),
        valid({
            "generations/alpaca/13b-base-alpaca-gen.jsonl": "".join(
                f'{{"id": {i}, "output": "{"" if i % 3 == 0 else f"Here is a poem about {i} cats."}"}}\n' for i in range(12)),
            "generations/alpaca/13b-tuned-alpaca-gen.jsonl": "".join(
                f'{{"id": {i}, "output": "Here is a poem about {i} dogs."}}\n' for i in range(12)),
            "judgements/13b-tuned-alpaca-gen-vs-reference.jsonl": "".join(
                f'{{"id": {i}, "winner": "model"}}\n' for i in range(12)),
        }, note="near miss: released generations that no committed rating reads (the ratings name another file): "
                "a checklist question, not a finding"),
        invalid({"results/persuasion_items.csv": "item_id,persuader,judge_score\n" + "".join(
            f"claim{i:03d},claude-3-opus,5\n" for i in range(24))},
            expect=[("results/persuasion_items.csv", None, "RESULT009")],
            note="probe 22: a 1-10 judge score that is 5 on every item: the replies went unparsed into the midpoint"),
        valid({"results/persuasion_items.csv": "item_id,judge_model,judge_score\n" + "".join(
            f"claim{i:03d},gpt-4o,{1 + (i * 7) % 10}\n" for i in range(24))},
            note="near miss: the judge model is one setting on every row; its scores vary"),
        valid({"results/jailbreak_items.csv": "prompt_id,attack,judge_score\n" + "".join(
            f"p{i:03d},gcg,0\n" for i in range(24))},
            note="near miss: a 0/1 verdict the same on every item (no attack succeeded) can be the measured outcome"),
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
                self._record(name, empty, total, "are empty", line)
                return
            errors = [(n, line) for value, n, line in stats.get("top", []) if _ERROR_TEXT.match(str(value))]
            count = sum(n for n, _ in errors)
            if count and count >= max(2, total * 0.02):
                self._record(name, count, total, "are error messages, not replies", min(line for _, line in errors))
                return
            top = stats.get("top", [])
            if top and total >= 20 and len(str(top[0][0])) >= 20 and top[0][1] >= total * 0.5 and stats.get("distinct", 0) > 0:
                self._record(name, top[0][1], total, f"are the same text (\"{str(top[0][0])[:60]}\")", top[0][2],
                             text=str(top[0][0]) if REFUSAL.search(str(top[0][0])[:400]) else None)
                return

    def _record(self, column: str, count: int, total: int, what: str, line: int | None, text: str | None = None) -> None:
        self.ctx.facts[self.code] = {"column": column, "count": count, "total": total, "what": what, "line": line,
                                     "refusal": text[:400] if text else None}

    def visit_List(self, node: cst.List) -> None:
        self._markers(node.elements)

    def visit_Tuple(self, node: cst.Tuple) -> None:
        self._markers(node.elements)

    def visit_Set(self, node: cst.Set) -> None:
        self._markers(node.elements)

    def _markers(self, elements: Any) -> None:
        markers = refusal_markers(v for v in (string_value(e.value) for e in elements) if v)
        if markers:
            self.ctx.facts.setdefault(self.code, {"markers": []})["markers"].extend(markers)

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        cls._collapsed_predictions(repo)
        cls._constant_judge_scores(repo)
        facts = dict(repo.facts(cls.code))
        markers = [m for fact in facts.values() for m in fact.get("markers", ())]
        found = {path: fact for path, fact in facts.items() if "column" in fact
                 and not (fact.get("refusal") and counted_refusal(fact["refusal"], markers))}
        if not found:
            return
        paths = [f.path for f in repo.files()]
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for path in sorted(found):
            groups[_run_key(path)].append(path)
        for members in groups.values():
            unread = [p for p in members if _unread(p, paths)]
            first = next((p for p in members if p not in unread), members[0])
            fact = found[first]
            line = fact["line"]
            related = [Location(p, found[p]["line"], f"the same run on another benchmark: {found[p]['count']} of "
                                f"{found[p]['total']} {found[p]['what']}") for p in members if p != first]
            ask = "outputs that no committed score reads (the repo's ratings name other files)" \
                if len(unread) == len(members) else None
            if all(found[p]["what"] == "are empty" and found[p]["count"] < found[p]["total"] * FEW_EMPTY for p in members):
                ask = ask or (f"a few empty outputs (under {FEW_EMPTY:.0%} in every file of the run), which a model "
                              "that ends at once on some prompts also writes")
            repo.report(cls, first, line or None, snippet=f"{fact['column']}: {fact['what']}", related=related,
                        extra={"ask": ask} if ask else None, fields={
                            "column": fact["column"], "count": fact["count"], "total": fact["total"],
                            "what": fact["what"], "first_line": line or "?", "path": first})


    @classmethod
    def _collapsed_predictions(cls, repo: RepoContext) -> None:
        """A results table whose prediction column holds one value on every row while its label column varies:
        a classifier that collapsed to one class (its accuracy is the share of that class)."""
        for path, profile in repo.facts("table"):
            columns = profile.get("columns", {}) if is_result_path(path) else {}
            preds = [(n, c) for n, c in columns.items() if _PREDICTION.match(n.rsplit(".", 1)[-1])]
            labels = [c for n, c in columns.items() if _GOLD.match(n.rsplit(".", 1)[-1])]
            for name, stats in preds[:1]:
                if stats.get("count", 0) >= _MIN_PREDICTIONS and stats.get("distinct") == 1 and not stats.get("missing") \
                        and any((c.get("distinct") or 0) >= 2 for c in labels):
                    value = (stats.get("top") or [[""]])[0][0]
                    repo.report(cls, path, None, snippet=f"{name}: always {value}", fields={
                        "column": name, "count": stats["count"], "total": stats["count"],
                        "what": f"are the same prediction `{value}` while the labels vary (a collapsed classifier)" if value
                        else "are empty while the labels vary (the run produced no prediction at all)",
                        "first_line": 2, "path": path})

    @classmethod
    def _constant_judge_scores(cls, repo: RepoContext) -> None:
        """A per-item results table (one row per item id) whose judge's graded score (a rating on a scale,
        not a 0/1 verdict) is one value on every row: the judge's replies went unparsed into one fallback
        score, or it cannot tell the items apart. A binary verdict the same on every item (no attack
        succeeded) can be the measured outcome, so it is left alone."""
        for path, profile in repo.facts("table"):
            columns = profile.get("columns", {}) if is_result_path(path) else {}
            rows = profile.get("rows") or 0
            if rows < _MIN_PREDICTIONS or not any(_ITEM_ID.match(n.rsplit(".", 1)[-1]) and c.get("distinct") == rows
                                                   for n, c in columns.items()):
                continue
            for name, stats in columns.items():
                if not _JUDGE_SCORE.match(name.rsplit(".", 1)[-1]) or stats.get("distinct") != 1 \
                        or stats.get("missing") or stats.get("count") != rows or stats.get("numbers") != rows \
                        or stats.get("min") in (0, 1):
                    continue
                value = (stats.get("top") or [[""]])[0][0]
                repo.report(cls, path, None, snippet=f"{name}: always {value}", fields={
                    "column": name, "count": rows, "total": rows,
                    "what": f"are the same score `{value}` on every item (replies parsed into one fallback score, "
                            "or a judge that cannot tell the items apart)",
                    "first_line": 2, "path": path})
                break


# A judge's graded score of each item: a role before a score word, or a bare rating word.
_JUDGE_SCORE = re.compile(r"(?i)^((judge|grader|rater|evaluator|reward|rm|critic|gpt4|llm)_?"
                          r"(score|rating|grade|points)s?|rating|ratings|grade|likert)$")
_ITEM_ID = re.compile(r"(?i)^(id|idx|uid|item|.+_id|.+_idx)$")
# A classifier's output column: by its name, or named for the flag a detector raises (`flagged`: a harm classifier).
_PREDICTION = re.compile(r"(?i)^(pred|preds|prediction|predictions|predicted|predicted_\w+|pred_\w+|\w+_pred|\w+_preds|"
                         r"\w+_prediction|y_pred|y_hat|yhat|flagged|is_flagged)$")
_GOLD = re.compile(r"(?i)^(label|labels|gold|target|y_true|y|truth|ground_truth|true_label|answer)$")
_MIN_PREDICTIONS = 20


def _run_key(path: str) -> tuple[str, str]:
    """Files of one model's run on several benchmarks, one folder per benchmark: `gen/oa/30b-flan-oa.jsonl`
    and `gen/vicuna/30b-flan-vicuna.jsonl`, or `results/mmlu/gpt4.jsonl` and `results/gsm8k/gpt4.jsonl`,
    share the folder above the benchmark's and the file name with the benchmark's name left out."""
    parts = path.split("/")
    if len(parts) < 3:
        return path, ""
    folder, name = parts[-2], parts[-1]
    return "/".join(parts[:-2]), name.replace(folder, "{}") if len(folder) >= 2 else name


def _stem(path: str) -> str:
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _unread(path: str, paths: list[str]) -> bool:
    """Outputs that no committed score reads, by the repo's own evidence: other files name the
    transcripts they rate (`ratings/13b-guanaco-oa-generations-vs-gpt-3.5-reviewer.jsonl`), some
    siblings of `path` are named so, and `path` is not. Without such evidence nothing is known."""
    stem = _stem(path)
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    def named(s: str, own: str) -> bool:
        return len(s) >= 6 and any(s in other and other != own and not other.startswith(folder + "/") for other in paths)
    if named(stem, path):
        return False
    siblings = [p for p in paths if p != path and p.rsplit("/", 1)[0] == folder and p.endswith(path[-6:])]
    return any(named(_stem(s), s) for s in siblings)
