"""DATA042: a scoring loop skips the failed outputs and divides by the count of the rest."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

OUTPUT_WORDS = frozenset({"output", "outputs", "out", "result", "results", "response", "responses", "pred", "preds",
                          "prediction", "predictions", "predict", "answer", "answers", "completion", "completions",
                          "generation", "generations", "reply", "replies", "parsed", "extracted", "judgment",
                          "judgement", "verdict", "res", "resp", "resps"})
FAILURE_WORDS = frozenset({"error", "errors", "failed", "fail", "failure", "exception", "invalid", "timeout"})


class FailuresOutOfDenominator(Rule):
    """
    ## What it does
    Finds a loop that computes a score as a sum over items divided by a counter (`F1_sum / count`),
    where items whose output failed are skipped with `continue` before the counter is
    incremented: the test is about the output, not the label (`if not isinstance(outputs[i],
    dict)`, `if pred is None`, `if not response`, `if "error" in result`), and nothing counts the
    skipped items (no `failed += 1`, no append to a list of failures in that branch). Lists appended after the
    skip and handed to a metric (`f1_score(y_true, y_pred)`, `np.mean(scores)`) divide by their length too. Skips on the
    label or a mask (`if label == -100`) are left alone: those are not failures.

    ## Why is this bad?
    Every failed run, unparseable answer or error leaves the denominator: a model that fails on
    half the tasks and gets the rest right scores 100%. The failures are invisible in the figure
    and the comparison between models rewards failing on hard items.

    ## Example
        for i in range(len(outputs)):
            if not isinstance(outputs[i], dict):
                continue
            count += 1
            f1_sum += f1(outputs[i], targets[i])
        return f1_sum / count

    Use instead:
        for i in range(len(outputs)):
            if not isinstance(outputs[i], dict):
                continue   # scored as 0
            f1_sum += f1(outputs[i], targets[i])
        return f1_sum / len(outputs)
    """

    code = "DATA042"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("`{test}` skips the items whose output failed before `{counter}` counts them, and `{ratio}` "
               "divides by `{counter}`: the failures drop out of the score")
    question = "How many items does `{test}` at {where} skip, and should they count as wrong?"
    triggers = ("continue",)
    examples = [
        invalid("""
            def collect(client, batch_id, gold):
                correct, total = 0, 0
                for res in client.messages.batches.results(batch_id):
                    if res.result.type != "succeeded":  # expect: DATA042
                        continue
                    total += 1
                    correct += res.result.message.content[0].text.strip() == gold[res.custom_id]
                return correct / total
        """, note="probe 13: Anthropic Message Batches results that errored or expired leave the denominator"),
        valid("""
            def collect(client, batch_id, gold):
                correct = 0
                for res in client.messages.batches.results(batch_id):
                    if res.result.type != "succeeded":
                        continue
                    correct += res.result.message.content[0].text.strip() == gold[res.custom_id]
                return correct / len(gold)
        """, note="near miss: the failed requests stay in the denominator (scored wrong)"),
        invalid("""
            def collect(client, batch_id, gold):
                answers = {}
                for entry in client.messages.batches.results(batch_id):
                    if entry.result.type != "succeeded":  # expect: DATA042
                        continue
                    answers[entry.custom_id] = entry.result.message.content[0].text.strip()[:1]
                correct = sum(answers[k] == gold[k] for k in answers)
                return correct / len(answers)
        """, note="probe20: the kept answers stored by item id, the accuracy over their number"),
        valid("""
            def collect(client, batch_id, gold):
                answers = {}
                for entry in client.messages.batches.results(batch_id):
                    if entry.result.type != "succeeded":
                        continue
                    answers[entry.custom_id] = entry.result.message.content[0].text.strip()[:1]
                correct = sum(answers.get(k) == gold[k] for k in gold)
                return correct / len(gold)
        """, note="near miss: the accuracy is over every item, a failed one scored wrong"),
        invalid({
            "pipeline/__init__.py": "",
            "pipeline/generate.py": """
                import json
                from openai import OpenAI

                client = OpenAI()

                def solve(problem):
                    try:
                        r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": problem["question"]}])
                        return json.loads(r.choices[0].message.content)
                    except Exception as exc:
                        return {"error": str(exc)}
            """,
            "pipeline/score.py": """
                from .generate import solve

                def accuracy(problems):
                    correct, count = 0, 0
                    for problem in problems:
                        result = solve(problem)
                        if "error" in result:  # expect: DATA042
                            continue
                        count += 1
                        correct += result.get("answer") == problem["answer"]
                    return correct / count
            """,
        }, note="across modules: the generator turns API and JSON errors into an error record, the scorer in another "
                "module skips them and divides by the rest"),
        valid({
            "pipeline/__init__.py": "",
            "pipeline/generate.py": """
                import json
                from openai import OpenAI

                client = OpenAI()

                def solve(problem):
                    try:
                        r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": problem["question"]}])
                        return json.loads(r.choices[0].message.content)
                    except Exception as exc:
                        return {"error": str(exc)}
            """,
            "pipeline/score.py": """
                from .generate import solve

                def accuracy(problems):
                    correct, count, failed = 0, 0, 0
                    for problem in problems:
                        result = solve(problem)
                        if "error" in result:
                            failed += 1
                            continue
                        count += 1
                        correct += result.get("answer") == problem["answer"]
                    print(f"{failed} of {len(problems)} failed")
                    return correct / count
            """,
        }, note="near miss of the same layout: the skipped failures are counted and reported"),
        invalid({"scores.ipynb": notebook(
            """
            import json
            rows = [json.loads(l) for l in open("outputs/judged.jsonl")]
            """,
            """
            total, n = 0.0, 0
            for row in rows:
                verdict = row.get("judgement")
                if verdict is None:  # expect: DATA042
                    continue
                n += 1
                total += verdict["score"]
            """,
            """
            print("mean judge score", total / n)
            """,
        )}, note="notebook: the loop skips rows the judge failed on in one cell, the mean divides by the rest in the next"),
        valid({"scores.ipynb": notebook(
            """
            import json
            rows = [json.loads(l) for l in open("outputs/judged.jsonl")]
            """,
            """
            total = 0.0
            for row in rows:
                verdict = row.get("judgement")
                if verdict is None:
                    continue  # a failed judgement scores 0
                total += verdict["score"]
            """,
            """
            print("mean judge score", total / len(rows))
            """,
        )}, note="near miss: the same cells, the failures kept in the denominator as zeros"),
        invalid("""
            def calculate_overall(outputs, targets):
                def main_metric():
                    f1_sum = 0
                    count = 0
                    for i in range(len(outputs)):
                        if not isinstance(outputs[i], dict):  # expect: DATA042
                            continue
                        count += 1
                        f1_sum += f1(outputs[i]["predict"], targets[i])
                    return f1_sum / count
                return {"F1": main_metric()}
        """),
        invalid("""
            async def score_all(responses, gold):
                correct = n = 0
                for resp, g in zip(responses, gold):
                    answer = parse_answer(resp)
                    if answer is None:  # expect: DATA042
                        continue
                    n += 1
                    correct += answer == g
                print(f"accuracy {correct / n:.3f}")
        """, note="a parse failure, printed accuracy"),
        invalid("""
            from litellm import batch_completion
            def run(items, messages):
                responses = batch_completion(model="gpt-4o-mini", messages=messages)
                scored = []
                for item, resp in zip(items, responses):
                    if isinstance(resp, Exception):  # expect: DATA042
                        continue
                    scored.append(resp.choices[0].message.content.strip() == item["answer"])
                print("accuracy", sum(scored) / len(scored))
        """, note="probe 10: a batch client returns the exception in the response's place; the kept list's length "
                  "is the denominator"),
        valid("""
            from litellm import batch_completion
            def run(items, messages):
                responses = batch_completion(model="gpt-4o-mini", messages=messages)
                scored, failed = [], 0
                for item, resp in zip(items, responses):
                    if isinstance(resp, Exception):
                        failed += 1
                        continue
                    scored.append(resp.choices[0].message.content.strip() == item["answer"])
                print("accuracy", sum(scored) / len(scored), "failed", failed)
        """, note="near miss: the failures are counted and printed"),
        invalid("""
            import json
            def collect(raw, gold):
                correct, total = 0, 0
                for line in raw.strip().split("\\n"):
                    rec = json.loads(line)
                    if rec.get("error") or rec["response"]["status_code"] != 200:  # expect: DATA042
                        continue
                    text = rec["response"]["body"]["choices"][0]["message"]["content"]
                    total += 1
                    correct += int(text.strip()[:1] == gold[rec["custom_id"]])
                return correct / total
        """, note="probe 11: a Batch API output file, its failed lines (an `error` field, a status other than 200) "
                  "skipped; the record's name says nothing, its failure field does"),
        valid("""
            import json
            def collect(raw, gold):
                correct, failed = 0, 0
                for line in raw.strip().split("\\n"):
                    rec = json.loads(line)
                    if rec.get("error") or rec["response"]["status_code"] != 200:
                        failed += 1
                        continue
                    text = rec["response"]["body"]["choices"][0]["message"]["content"]
                    correct += int(text.strip()[:1] == gold[rec["custom_id"]])
                return correct / len(gold), failed
        """, note="near miss: the failed lines are counted and the denominator is every item"),
        invalid("""
            import json
            from sklearn.metrics import f1_score
            y_true, y_pred = [], []
            for line in raw.splitlines():
                rec = json.loads(line)
                if rec.get("error") or rec["response"]["status_code"] != 200:  # expect: DATA042
                    continue
                y_true.append(gold[rec["custom_id"]])
                y_pred.append(rec["response"]["body"]["choices"][0]["message"]["content"].strip().lower())
            print("macro F1", f1_score(y_true, y_pred, average="macro"))
        """, note="probe 16: the kept items' lists go to a metric, which divides by their number"),
        valid("""
            import json
            from sklearn.metrics import f1_score
            y_true, y_pred = [], []
            for line in raw.splitlines():
                rec = json.loads(line)
                y_true.append(gold[rec["custom_id"]])
                if rec.get("error") or rec["response"]["status_code"] != 200:
                    y_pred.append("error")
                    continue
                y_pred.append(rec["response"]["body"]["choices"][0]["message"]["content"].strip().lower())
            print("macro F1", f1_score(y_true, y_pred, average="macro"))
        """, note="near miss: a failed request is scored as an 'error' prediction"),
        valid("""
            def mean_latency(rows):
                total, n = 0.0, 0
                for row in rows:
                    if row["status_code"] == 200:
                        continue
                    n += 1
                    total += row["latency"]
                return total / n
        """, note="near miss: a status test that keeps the failures (the mean is over them on purpose)"),
        valid("""
            def token_accuracy(preds, labels):
                correct = total = 0
                for p, l in zip(preds, labels):
                    if l == -100:
                        continue
                    total += 1
                    correct += p == l
                return correct / total
        """, note="a skip on the label: padding, not a failure"),
        valid("""
            def accuracy(outputs, targets):
                correct = count = failed = 0
                for out, t in zip(outputs, targets):
                    if out is None:
                        failed += 1
                        continue
                    count += 1
                    correct += out == t
                print(f"{failed} failed")
                return correct / count
        """, note="the failures are counted"),
        valid("""
            def accuracy(outputs, targets):
                correct = 0
                for out, t in zip(outputs, targets):
                    if out is None:
                        continue
                    correct += out == t
                return correct / len(outputs)
        """, note="failures stay in the denominator"),
    ]

    def visit_For(self, node: cst.For) -> None:
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        for position, stmt in enumerate(body):
            if not isinstance(stmt, cst.If) or stmt.orelse is not None or not _only_continue(stmt.body):
                continue
            if not _failure_test(stmt.test):
                continue
            counter = next((c for later in body[position + 1:] if (c := _increment(later))), None)
            if counter is None:
                continue
            function = self.ctx.names.function
            scope_code = self.ctx.code(function) if function is not None else self.ctx.text
            if counter.startswith("len("):  # `scored.append(...)`, then `sum(scored) / len(scored)`
                kept = re.escape(counter[4:-1])
                ratio = re.search(rf"[\w\]\)]\s*/\s*len\(\s*{kept}\s*\)", scope_code) or re.search(
                    # `y_true.append(...)`, then `f1_score(y_true, y_pred)` / `np.mean(scored)`: a metric over the
                    # kept items divides by their number too
                    rf"\b(\w+_score|classification_report|matthews_corrcoef|mean|average|nanmean)\((\s*|[^()\n]*[(,]\s*){kept}\s*[,)]",
                    scope_code)
            else:
                ratio = re.search(rf"[\w\]\)]\s*/\s*{re.escape(counter)}\b(?!\s*\()", scope_code)
            if ratio is None:
                continue
            ratio_line = scope_code[scope_code.rfind("\n", 0, ratio.start()) + 1: scope_code.find("\n", ratio.end())]
            self.report(stmt, test=f"if {' '.join(self.ctx.code(stmt.test).split())}", counter=counter,
                        ratio=" ".join(ratio_line.split())[:70],
                        related=[Location(self.ctx.path, self.ctx.line_of(node), "the scoring loop")])
            return


def _only_continue(block: cst.BaseSuite) -> bool:
    """The branch only skips: a bare `continue` (a count, an append, a log line would record the failure)."""
    statements = block.body if isinstance(block, cst.IndentedBlock) else [block]
    if not all(isinstance(line, cst.SimpleStatementLine) for line in statements):
        return False
    smalls = [s for line in statements for s in line.body]
    return bool(smalls) and isinstance(smalls[-1], cst.Continue) and all(isinstance(s, cst.Pass) for s in smalls[:-1])


def _failure_test(test: cst.BaseExpression) -> bool:
    """A test that an output failed: `not isinstance(out, dict)`, `out is None`, `not out`, `"error" in out`."""
    if _exception_instance(test):
        return True  # `isinstance(resp, Exception)`: a batch client returned the error in the output's place
    names = [n.value for n in iter_nodes(test) if isinstance(n, cst.Name)]
    words = {w for name in names for w in name_tokens(name)}
    strings = " ".join(n.value.lower() for n in iter_nodes(test) if isinstance(n, cst.SimpleString))
    if words & {"label", "labels", "target", "targets", "mask", "gold", "gt", "truth"}:
        return False
    if _failure_field(test):
        return True  # `rec.get("error")`, `rec["response"]["status_code"] != 200`: a record's own failure field
    outputish = bool(words & OUTPUT_WORDS)
    if any(w in strings for w in FAILURE_WORDS) and outputish:
        return True
    if not outputish:
        return False
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return True
    if isinstance(test, cst.Comparison) and any(isinstance(c.operator, cst.Is) and isinstance(c.comparator, cst.Name)
                                                and c.comparator.value == "None" for c in test.comparisons):
        return True
    return False


# (`type` and `state` only beside an OK literal: an Anthropic Message Batches result's `result.type` is
# "succeeded", "errored", "canceled" or "expired".)
_STATUS_KEYS = frozenset({"status", "status_code", "statuscode", "type", "state", "result_type"})
_OK_STATUS = frozenset({"200", "'ok'", '"ok"', "'success'", '"success"', "'succeeded'", '"succeeded"',
                        "'completed'", '"completed"'})


def _key_of(node: cst.CSTNode) -> str | None:
    """The key a subscript or `.get` reads (`rec["error"]`, `rec.get("error")`), an attribute's name."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
            and isinstance(node.slice[0].slice.value, cst.SimpleString):
        return node.slice[0].slice.value.value[1:-1].lower()
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
            and node.args and isinstance(node.args[0].value, cst.SimpleString):
        return node.args[0].value.value[1:-1].lower()
    if isinstance(node, cst.Attribute):
        return node.attr.value.lower()
    return None


def _failure_field(test: cst.BaseExpression) -> bool:
    """A test of a record's own failure field: its `error` key is set (`rec.get("error")`,
    `rec["error"] is not None`, `"error" in rec`), or its `status_code` is not 200 (a batch API's
    output line, an HTTP response). Labels carry no error field: the test is about the output."""
    for node in iter_nodes(test):
        key = _key_of(node)
        if key is not None and key in FAILURE_WORDS and not isinstance(node, cst.Attribute):
            return True
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1 \
                and isinstance(node.comparisons[0].operator, cst.NotEqual) \
                and _key_of(node.left) in _STATUS_KEYS \
                and " ".join(cst.Module([]).code_for_node(node.comparisons[0].comparator).split()).lower() in _OK_STATUS:
            return True
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1 \
                and isinstance(node.comparisons[0].operator, cst.In) and isinstance(node.left, cst.SimpleString) \
                and node.left.value[1:-1].lower() in FAILURE_WORDS:
            return True
    return False


def _exception_instance(test: cst.BaseExpression) -> bool:
    """`isinstance(x, Exception)` (or `BaseException`, `SomeError`, a tuple of them), not negated."""
    if not (isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and test.func.value == "isinstance"
            and len(test.args) == 2):
        return False
    kinds = [n.value if isinstance(n, cst.Name) else n.attr.value for n in iter_nodes(test.args[1].value)
             if isinstance(n, (cst.Name, cst.Attribute))]
    return bool(kinds) and all(k.endswith(("Exception", "Error")) for k in kinds if k[:1].isupper())


def _increment(stmt: cst.BaseStatement) -> str | None:
    """`count += 1` as a statement of the loop body, `kept.append(...)` or `kept[key] = ...` (a dict of the
    kept outputs by item: then `len(kept)`)."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return None
    for small in stmt.body:
        if (isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and isinstance(small.value.func, cst.Attribute)
                and small.value.func.attr.value == "append" and isinstance(small.value.func.value, cst.Name)):
            return f"len({small.value.func.value.value})"
        if (isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Subscript)
                and isinstance(small.targets[0].target.value, cst.Name)):
            return f"len({small.targets[0].target.value.value})"
        if (isinstance(small, cst.AugAssign) and isinstance(small.operator, cst.AddAssign)
                and isinstance(small.target, cst.Name) and isinstance(small.value, cst.Integer) and small.value.value == "1"):
            return small.target.value
    return None
