"""DATA059: a function returns its result wrapped as `{"answer": x}` and a caller stores it under "answer" again."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.modules import locate_defined
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid


def _single_key(value: cst.BaseExpression | None) -> str | None:
    """`{"answer": m.group(1)}`: the one literal key of a dict literal."""
    if not isinstance(value, cst.Dict) or len(value.elements) != 1 or not isinstance(value.elements[0], cst.DictElement):
        return None
    return string_value(value.elements[0].key)


def _stored_key(target: cst.BaseExpression) -> str | None:
    """`prediction["answer"]`: the literal key a subscript assignment stores under."""
    if not (isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index)):
        return None
    return string_value(target.slice[0].slice.value)


class ResultWrappedUnderOwnKey(Rule):
    """
    ## What it does
    Finds a function of the repository that returns its result as a one-key mapping
    (`return {"answer": match.group(1)}`) whose caller stores the call's value under that same key
    (`prediction["answer"] = extract(...)`, directly or through a variable assigned from the call),
    here or in another module. The caller meant the value; it stores the wrapper, so the field
    holds `{"answer": "B"}` where every reader expects `"B"`. A function that returns a plain value,
    a mapping of several fields, or a caller that stores under another key (`row["parsed"] =
    extract(...)`, a record of the parse) is left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `return {"answer": m.group(1)}` in one module; `pred["answer"] = extract(...)` in another | yes | `return m.group(1)` |
    | the call assigned to a variable first, `pred["answer"] = rescued` | yes | `pred["raw"] = rescued` |
    | notebook: `def parse(r): return {"label": ...}` then `row["label"] = parse(r)` | yes | `return {"label": ..., "why": ...}` |

    ## Why is this bad?
    The stored answer is a dict, not the answer: comparisons with the gold label (`==`, `in`)
    are false for every item that went through that path, so answers the extractor rescued are
    all scored wrong, silently, and the accuracy of the models that need the rescue is deflated.

    ## Example
        def model_specific_extraction(model, text):
            match = re.search(r"\\\\boxed{(\\w+)}", text)
            if match:
                return {"answer": match.group(1)}
            return None

        rescued = model_specific_extraction(model, text)
        if rescued:
            prediction["answer"] = rescued

    Use instead:
        def model_specific_extraction(model, text):
            match = re.search(r"\\\\boxed{(\\w+)}", text)
            if match:
                return match.group(1)
            return None
    """

    code = "DATA059"
    category = "DATA-DEFAULT"
    severity = Severity.WARNING
    message = ("`{function}` returns its result wrapped as `{{\"{key}\": ...}}`, and `{store}` ({store_where}) "
               "stores the call's value under \"{key}\" again: the field holds a dict where its readers expect "
               "the {key} itself, so every item through this path compares unequal to the gold")
    question = "Should `{function}` at {where} return the {key} itself rather than a one-key dict?"
    triggers = ("return {", "] =")
    examples = [
        invalid({
            "evaluation/__init__.py": "",
            "evaluation/utils.py": """
                import re

                def model_specific_extraction(model_name, text):
                    if "llama" in model_name.lower():
                        match = re.search(r"boxed{([A-J])}", text)
                        if match:
                            return {"answer": match.group(1)}  # expect: DATA059
                    return None
            """,
            "evaluation/mcqa.py": """
                import json
                from .utils import model_specific_extraction

                def accuracy(model_name, rows):
                    solved = 0
                    for row in rows:
                        prediction = json.loads(row["output"])
                        if not prediction.get("answer"):
                            rescued = model_specific_extraction(model_name, row["output"])
                            if not rescued:
                                continue
                            prediction["answer"] = rescued
                        solved += prediction["answer"] == row["gold"]
                    return solved / len(rows)
            """,
        }, note="held-out 7 (an LLM-eval framework): the rescue path returns a one-key dict that the caller "
                "stores as the answer"),
        valid({
            "evaluation/__init__.py": "",
            "evaluation/utils.py": """
                import re

                def model_specific_extraction(model_name, text):
                    if "llama" in model_name.lower():
                        match = re.search(r"boxed{([A-J])}", text)
                        if match:
                            return match.group(1)
                    return None
            """,
            "evaluation/mcqa.py": """
                import json
                from .utils import model_specific_extraction

                def accuracy(model_name, rows):
                    solved = 0
                    for row in rows:
                        prediction = json.loads(row["output"])
                        if not prediction.get("answer"):
                            rescued = model_specific_extraction(model_name, row["output"])
                            if not rescued:
                                continue
                            prediction["answer"] = rescued
                        solved += prediction["answer"] == row["gold"]
                    return solved / len(rows)
            """,
        }, note="the twin: the extractor returns the letter"),
        invalid({"judge.ipynb": notebook(
            """
            import re
            def parse_label(reply):
                m = re.search(r"Label: (safe|unsafe)", reply)
                return {"label": m.group(1) if m else None}  # expect: DATA059
            """,
            """
            for row in rows:
                row["label"] = parse_label(row["judge_reply"])
            unsafe_rate = sum(r["label"] == "unsafe" for r in rows) / len(rows)
            """,
        )}, note="notebook: the parser cell wraps the label, a later cell stores it under label"),
        valid("""
            import re

            def parse_label(reply):
                m = re.search(r"Label: (safe|unsafe)", reply)
                return {"label": m.group(1) if m else None, "reason": reply[:200]}

            def parse_score(reply):
                m = re.search(r"Score: (\\d)", reply)
                return {"score": int(m.group(1)) if m else None}

            def annotate(rows):
                for row in rows:
                    row["label"] = parse_label(row["judge_reply"])
                    row["judge"] = parse_score(row["judge_reply"])
                return rows
        """, note="near misses: a mapping of several fields, and a one-key mapping stored under another key"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._wrapping: dict[str, list] = {}  # function name -> [key, line]
        self._stores: list[dict] = []
        self._results: dict[tuple[int, str], str] = {}  # (function id, variable) -> callee of its call

    def visit_Return(self, node: cst.Return) -> None:
        function = self.ctx.names.function
        key = _single_key(node.value)
        if function is None or key is None or function.name.value in self._wrapping:
            return
        self._wrapping[function.name.value] = [key, self.ctx.line_of(node)]

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target, value = node.targets[0].target, node.value
        scope = id(self.ctx.names.function)
        if isinstance(target, cst.Name):
            callee = self.qualified_name(value.func) if isinstance(value, cst.Call) else None
            if callee and "()" not in callee:
                self._results[(scope, target.value)] = callee
            else:
                self._results.pop((scope, target.value), None)
            return
        key = _stored_key(target)
        if key is None or len(self._stores) >= 50:
            return
        callee = None
        if isinstance(value, cst.Call):
            callee = self.qualified_name(value.func)
        elif isinstance(value, cst.Name):
            callee = self._results.get((scope, value.value))
        if callee and "()" not in callee:
            own = self.ctx.names.module_name
            local = callee[len(own) + 1:] if own and callee.startswith(own + ".") else callee if "." not in callee else None
            self._stores.append({"callee": callee, "local": local, "key": key, "line": self.ctx.line_of(node),
                                 "store": " ".join(self.ctx.code(node).split())[:80]})

    def finish(self) -> None:
        if self._wrapping or self._stores:
            self.ctx.facts[self.code] = {"wrapping": dict(list(self._wrapping.items())[:100]), "stores": self._stores}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        wrapping = {(path, name): w for path, facts in repo.facts(cls.code) for name, w in facts.get("wrapping", {}).items()}
        reported = set()
        for path, facts in repo.facts(cls.code):
            for store in facts.get("stores", []):
                local = store.get("local")
                defined = (path, local) if local and (path, local) in wrapping else locate_defined(repo, store["callee"], path)
                if defined is None or defined not in wrapping or defined in reported:
                    continue
                key, line = wrapping[defined]
                if key != store["key"]:
                    continue
                reported.add(defined)
                repo.report(cls, defined[0], line, function=defined[1], key=key, store=store["store"],
                            store_where=f"{path}:{store['line']}",
                            related=[Location(path, store["line"], "stored under the same key here")])
