"""EVAL027: a text normaliser repeats one of its own replacements, so the step meant there never happens."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook
from hygiene.walk import iter_nodes


def _literal(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        try:
            value = expr.evaluated_value
        except Exception:  # noqa: BLE001
            return None
        return value if isinstance(value, str) else None
    return None


class NormalisationStepRepeated(Rule):
    """
    ## What it does
    Finds a chain of replacements on one string (`s = s.replace(a, b)` statement after statement,
    as in an answer normaliser) where a step replaces exactly what an earlier step of the chain
    already replaced, with the same replacement: the second is a no-op. The usual cause is an
    escape: `"\\%"` and `"\\\\%"` are the same two characters in a non-raw string, so
    `s.replace("\\%", "")` after `s.replace("\\\\%", "")` never removes a bare `%`. Steps that differ
    in what they search for or what they put back, and a step after which the string was rebuilt
    otherwise, are left alone.

    ## Why is this bad?
    The normaliser silently skips the case the line was written for: answers that differ only by
    that character are graded unequal, and an exact-match or equivalence score is lower than the
    grader's author believes.

    ## Example
        string = string.replace("\\\\%", "")
        string = string.replace("\\%", "")      # the same two characters: a bare % is never removed

    Use instead:
        string = string.replace("\\\\%", "")
        string = string.replace("%", "")
    """

    code = "EVAL027"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = ("`{code}` repeats the replacement of {first_where} (both replace {search!r} with {repl!r}): it "
               "does nothing, and whatever it was meant to remove stays in the text")
    question = "What should `{code}` at {where} replace, since {first_where} already replaced {search!r}?"
    triggers = (".replace(",)
    examples = [
        invalid(r'''
            def _strip_string(string):
                string = string.replace("\n", "")
                # remove percentage
                string = string.replace("\\%", "")
                string = string.replace("\%", "")  # expect: EVAL027
                return string
        '''),
        valid(r'''
            def normalize(s):
                s = s.replace("\\%", "")
                s = s.replace("%", "")
                s = s.replace(" ", "")
                s = s.strip().lower()
                s = s.replace(" ", "")
                t = s.replace("a", "b")
                u = t.replace("a", "b")
                return u

            def names(params):
                for n, p in params():
                    n = n.replace('.', '__')
                for n, p in params():
                    n = n.replace('.', '__')
                for line in open(path):
                    line = line.replace("\n", "")
                for line in open(other):
                    line = line.replace("\n", "")
        ''', note="different searches, the string changed in between, different strings, or separate loops"),
        invalid({"grade_math.ipynb": notebook(
            r"""
            import json
            answer = json.load(open("pred.json"))["answer"]
            answer = answer.replace("\\%", "")
            """,
            r"""
            answer = answer.replace("\%", "")  # expect: EVAL027
            answer = answer.replace("\\$", "").strip()
            """,
        )}, note="notebook: the normalising steps split over two cells; the second percent step repeats the first"),
        valid({"grade_math.ipynb": notebook(
            r"""
            import json
            answer = json.load(open("pred.json"))["answer"]
            answer = answer.replace("\\%", "")
            """,
            r"""
            answer = answer.replace("%", "")
            answer = answer.replace("\\$", "").strip()
            """,
        )}, note="near miss: the second step removes a bare percent sign"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # (the block of statements, the name) -> the replacements applied to it there, in order
        self._chains: dict[tuple[int, str], list[tuple[str, str, cst.CSTNode]]] = {}

    def visit_For(self, node: cst.For) -> None:
        bound = {n.value for n in iter_nodes(node.target) if isinstance(n, cst.Name)}
        for key in [k for k in self._chains if k[1] in bound]:
            del self._chains[key]

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        target = node.targets[0].target.value
        parents = self.ctx.parents
        block = id(parents[-2]) if len(parents) >= 2 and isinstance(parents[-1], cst.SimpleStatementLine) else 0
        step = self._replace_of(node.value, target)
        if step is None:
            for key in [k for k in self._chains if k[1] == target]:
                del self._chains[key]
            return
        search, repl = step
        chain = self._chains.setdefault((block, target), [])
        earlier = next(((s, r, n) for s, r, n in chain if s == search and r == repl), None)
        chain.append((search, repl, node))
        if earlier is not None and search:
            first_where = f"line {self.ctx.line_of(earlier[2])}"
            self.report(node, related=[Location(self.ctx.path, self.ctx.line_of(earlier[2]), "the same step")],
                        code=" ".join(self.ctx.code(node).split()), search=search, repl=repl,
                        first_where=first_where)

    @staticmethod
    def _replace_of(expr: cst.BaseExpression, target: str) -> tuple[str, str] | None:
        """(search, replacement) when `expr` is `target.replace(<literal>, <literal>)`."""
        if not (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute)
                and expr.func.attr.value == "replace" and isinstance(expr.func.value, cst.Name)
                and expr.func.value.value == target and len(expr.args) == 2):
            return None
        search, repl = _literal(expr.args[0].value), _literal(expr.args[1].value)
        if search is None or repl is None:
            return None
        return search, repl
