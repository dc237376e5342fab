"""DATA077: a verdict field of a parsed judge reply read so that a missing or string-typed field is a pass:
`bool(obj.get("match", True))`."""
from __future__ import annotations

import ast

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import FUNCTIONS, module_nodes, module_tree, subtree
from hygiene.discovery import is_test_path
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Words of a field that holds a verdict (`"match"`, `"is_correct"`, `"passed"`, `"jailbroken"`).
VERDICT_WORDS = frozenset("""
match matches matched correct correctness pass passed passes success successful succeeded valid verdict
accept accepted accepts safe unsafe harmful jailbroken jailbreak refusal refused refuses compliant complied
complies faithful hallucinated hallucination supported entailed entails consistent agree agrees judgment
judgement decision answer_correct is_correct is_match is_safe resolved solved
""".split())
# Calls that parse a reply's text into an object.
_PARSERS = frozenset({"loads", "literal_eval", "parse_json", "from_json", "json_repair", "repair_json"})


def _parsed_names(function: ast.AST) -> set[str]:
    """Names bound in `function` to a parse of text (`obj = json.loads(s)`, `data = ast.literal_eval(reply)`)."""
    found: set[str] = set()
    for node in subtree(function):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in _PARSERS:
                found |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return found


def _verdict_get(call: ast.AST, parsed: set[str]) -> tuple[str, bool] | None:
    """`(key, default_true)` for `obj.get("match", True)` / `obj.get("match")` on a parsed object with a verdict key."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "get"
            and isinstance(call.func.value, ast.Name) and call.func.value.id in parsed and call.args
            and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
        return None
    key = call.args[0].value
    if not (VERDICT_WORDS & set(name_tokens(key)) or key.lower() in VERDICT_WORDS):
        return None
    default = call.args[1] if len(call.args) > 1 else None
    return key, isinstance(default, ast.Constant) and default.value is True


class ParsedVerdictFieldDefaultsToPass(Rule):
    """
    ## What it does
    Finds the verdict field of a parsed judge reply (`obj = json.loads(reply)`) read so that a reply
    without a usable verdict counts as a pass: `obj.get("match", True)` (a missing field is `True`)
    or `bool(obj.get("match"))` (the string `"false"` that models often write is truthy). Fields are
    read by their names (`match`, `is_correct`, `passed`, `safe`, `jailbroken`, ...). A field read with
    no default and compared with `True` or checked with `isinstance`, a default of `None`, and a
    field of a configuration rather than a parsed reply are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `bool(obj.get("match", True))` with `obj = json.loads(s)` | yes | `obj.get("match") is True` |
    | `verdict = data.get("is_correct", True)` | yes | `data.get("is_correct")` then `if v is None: ...` |
    | `bool(obj.get("passed"))` | yes | `cfg.get("passed", True)` of a config file |

    ## Why is this bad?
    A judge that forgets the field, or answers `{"match": "false"}`, is scored as agreeing: every
    such reply inflates the pass rate, and the figure reported as the judge's verdict counts
    unparseable replies as successes.

    ## Example
        obj = json.loads(s)
        return bool(obj.get("match", True)), str(obj.get("reason", ""))

    Use instead:
        match = obj.get("match")
        return (match if isinstance(match, bool) else None), str(obj.get("reason", ""))
    """

    code = "DATA077"
    category = "DATA-DEFAULT"
    severity = Severity.ERROR
    message = ("`{expr}` reads the judge's verdict field `{key}` so that {how} counts as a pass: "
               "unparseable verdicts inflate the pass rate")
    question = "At {where}, is a reply without a usable `{key}` field counted as a pass?"
    triggers = (".get(",)
    requires = frozenset({"get"})
    examples = [
        invalid("""
            import json

            def parse_verdict(raw):
                try:
                    obj = json.loads(raw.strip())
                    return bool(obj.get("match", True)), str(obj.get("reason", ""))  # expect: DATA077
                except Exception:
                    return None, raw[:200]
        """),
        valid("""
            import json

            def parse_verdict(raw):
                try:
                    obj = json.loads(raw.strip())
                    match = obj.get("match")
                    return (match if isinstance(match, bool) else None), str(obj.get("reason", ""))
                except Exception:
                    return None, raw[:200]
        """, note="near miss: the field's type checked, a missing field inconclusive"),
        invalid({"judge.ipynb": notebook(
            "import json",
            "def grade(reply):\n    data = json.loads(reply)\n    return data.get('is_correct', True)  # expect: DATA077",
        )}, note="a missing field defaulting to a pass"),
        valid("""
            import json

            def load_settings(path):
                cfg = json.loads(open(path).read())
                return cfg.get("passed", True), cfg.get("lr", 0.1)

            def grade(reply):
                data = json.loads(reply)
                return data.get("is_correct") is True, data.get("safe", None), data.get("score", 1)
        """, note="near misses: a configuration named for its path, an identity test, a None default, a non-verdict key"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None or is_test_path(self.ctx.path):
            return
        for function in (n for n in module_nodes(self.ctx) if isinstance(n, FUNCTIONS)):
            if any(w in function.name.lower() for w in ("config", "setting", "option", "param")):
                continue
            parsed = _parsed_names(function)
            if not parsed:
                continue
            reported: set[int] = set()
            for call in subtree(function):
                if not isinstance(call, ast.Call):
                    continue
                wrapped = isinstance(call.func, ast.Name) and call.func.id == "bool" and len(call.args) == 1
                inner = call.args[0] if wrapped else call
                found = _verdict_get(inner, parsed)
                if found is None or id(inner) in reported:
                    continue
                key, default_true = found
                if not (wrapped or default_true):
                    continue
                reported.add(id(inner))
                how = ("a missing field, and the string \"false\"," if wrapped and default_true
                       else "a missing field" if default_true else "the string \"false\"")
                self.ctx.report(type(self), None, line=call.lineno, fields={
                    "expr": ast.unparse(call), "key": key, "how": how})
