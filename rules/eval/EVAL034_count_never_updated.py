"""EVAL034: a rate whose numerator is a count set to 0 and never changed."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

_FUNCTIONS = (cst.FunctionDef, cst.Lambda)


def _zero(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, (cst.Integer, cst.Float)) and expr.value.replace("_", "").strip("0.") == ""


class _Scope:
    def __init__(self) -> None:
        self.binds: dict[str, list[cst.CSTNode]] = {}
        self.zeros: dict[str, cst.CSTNode] = {}
        self.divisions: list[tuple[str, cst.BinaryOperation]] = []
        self.shared: set[str] = set()   # global / nonlocal here: bound elsewhere too

    def bind(self, name: str, node: cst.CSTNode) -> None:
        self.binds.setdefault(name, []).append(node)


class CountNeverUpdated(Rule):
    """
    ## What it does
    Finds a division whose numerator is a variable set to zero once and never changed anywhere in
    its function (or module, or notebook): `num_success = 0` before the loop, no `num_success +=
    1` in it, and `num_success / (i + 1)` printed or returned as the accuracy. A name bound again
    anywhere (`+=`, a second assignment, a loop or `with` target, an unpacking), declared `global`
    or `nonlocal` by a nested function, or changed through a nested function, is left alone.

    ## Why is this bad?
    The rate is 0 whatever the model does: the increment the author meant to write (after the
    grader says an item is solved) is missing, so the accuracy logged per item, the success rate
    in the results file, or the figure compared across runs is a constant.

    ## Example
        num_success = 0
        for i, item in enumerate(dataset):
            item["is_solved"] = evaluate(item)
            print(f"acc = {num_success / (i + 1):.2f}")

    Use instead:
        num_success = 0
        for i, item in enumerate(dataset):
            item["is_solved"] = evaluate(item)
            num_success += int(item["is_solved"])
            print(f"acc = {num_success / (i + 1):.2f}")
    """

    code = "EVAL034"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{name}` is set to 0 at line {line} and never changed, so `{text}` is 0 whatever the results: "
               "the count it should hold is never added to")
    question = "Should `{name}` (set to 0 at line {line}) be counted up before `{text}` at {where}?"
    triggers = ("/",)
    examples = [
        invalid("""
            def run_immediate_reflexion(dataset, model, exe, gen, log_path):
                num_items = len(dataset)
                num_success = 0
                for i, item in enumerate(dataset):
                    impl = gen.func_impl(item["prompt"], model, "simple")
                    is_solved = exe.evaluate(item["entry_point"], impl, item["test"], timeout=10)
                    item["is_solved"] = is_solved
                    write_jsonl(log_path, [item], append=True)
                    print(f'completed {i+1}/{num_items}: acc = {round(num_success/(i+1), 2)}')  # expect: EVAL034
        """),
        invalid({"grade.ipynb": notebook(
            """
            import json
            rows = [json.loads(line) for line in open("judged.jsonl")]
            refused = 0
            """,
            """
            for row in rows:
                if "I cannot" in row["response"]:
                    row["refused"] = True
            """,
            """
            print("refusal rate", refused / len(rows))  # expect: EVAL034
            """,
        )}, note="notebook: the count is set in one cell, the loop in the next never adds to it"),
        valid("""
            def run_immediate_reflexion(dataset, model, exe, gen):
                num_success = 0
                for i, item in enumerate(dataset):
                    is_solved = exe.evaluate(item["entry_point"], gen(item), item["test"])
                    if is_solved:
                        num_success += 1
                    print(f'acc = {round(num_success/(i+1), 2)}')
        """, note="the same loop with the increment"),
        valid("""
            def accuracy(preds, labels):
                correct = 0
                for p, y in zip(preds, labels):
                    correct = correct + int(p == y)
                return correct / len(labels)

            def summary(results):
                total_loss = 0.0
                n = len(results)
                total_loss, n = sum(r.loss for r in results), n
                return total_loss / n

            def nested(items):
                hits = 0
                def visit(item):
                    nonlocal hits
                    hits += item.ok
                for item in items:
                    visit(item)
                return hits / len(items)

            def warmup(step, warmup_steps):
                offset = 0
                return (step - offset) / warmup_steps
        """, note="counted by reassignment, unpacking or a nested function; a zero offset inside an expression"),
        valid("""
            seen = 0

            def record(batch):
                global seen
                seen += len(batch)

            def rate(total):
                return seen / total
        """, note="a module-level count a function updates through `global`"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._scopes: list[_Scope] = [_Scope()]
        self._done: list[_Scope] = []

    # -- scopes -----------------------------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes[-1].bind(node.name.value, node)
        self._scopes.append(_Scope())
        for param in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params):
            self._scopes[-1].bind(param.name.value, param)
        for star in (node.params.star_arg, node.params.star_kwarg):
            if isinstance(star, cst.Param):
                self._scopes[-1].bind(star.name.value, star)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._done.append(self._scopes.pop())

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._scopes[-1].bind(node.name.value, node)

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self._scopes[0].shared.add(item.name.value)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        for item in node.names:
            for scope in self._scopes[:-1]:
                scope.shared.add(item.name.value)

    # -- bindings ---------------------------------------------------------------------------------
    def _bind_target(self, target: cst.BaseExpression, node: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            self._scopes[-1].bind(target.value, node)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value, node)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, node)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind_target(target.target, node)
            if isinstance(target.target, cst.Name) and len(node.targets) == 1 and _zero(node.value):
                self._scopes[-1].zeros.setdefault(target.target.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind_target(node.target, node)
        if isinstance(node.target, cst.Name) and node.value is not None and _zero(node.value):
            self._scopes[-1].zeros.setdefault(node.target.value, node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind_target(node.target, node)

    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, node)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_target(node.target, node)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_target(node.asname.name, node)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_target(node.target, node)

    def visit_Del(self, node: cst.Del) -> None:
        self._bind_target(node.target, node)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._bind_target(node.name.name, node)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        name = node.asname.name if node.asname is not None else node.name
        if isinstance(name, cst.Name):
            self._scopes[-1].bind(name.value, node)

    # -- the division -----------------------------------------------------------------------------
    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Divide) and isinstance(node.left, cst.Name):
            self._scopes[-1].divisions.append((node.left.value, node))

    def finish(self) -> None:
        self._done.extend(self._scopes)
        module = self._scopes[0]
        for scope in self._done:
            reported: set[str] = set()
            for name, division in scope.divisions:
                owner = scope if name in scope.binds else module
                zero = owner.zeros.get(name)
                if zero is None or name in reported or name in owner.shared or len(owner.binds.get(name, ())) != 1:
                    continue
                if owner is module and any(name in s.binds for s in self._done if s is not module and s is not scope):
                    continue  # a function of the module binds the same name: maybe its own copy, maybe not
                reported.add(name)
                line = self.ctx.line_of(zero)
                self.report(division, name=name, line=line, text=" ".join(self.ctx.code(division).split()),
                            related=[Location(self.ctx.path, line, "set to 0 here, never changed")])
