"""Failures turned into values: shapes where a parse, grading or evaluation failure becomes an
ordinary value (a score, False, an empty-run accuracy of 0) that is then counted as a real answer.

Shared by the DATA rules (DATA001 reads the `except` side of it). Everything here is a pure
question about a libcst subtree, asked during the shared walk; nothing is followed across files.
"""
from __future__ import annotations

import re

import libcst as cst

from hygiene.walk import iter_nodes, walk_scope
from hygiene.analysis.names import call_tail

# Calls that only tell a human about the failure: a log line is no count in the reported numbers.
LOG_CALL = re.compile(r"(?i)^(log\w*|warn\w*|debug|info|error|exception|critical|print|echo|write|secho)$")
MEAN_CALL = re.compile(r"(?i)mean|average|avg|nanmean")
# Parsers of an answer's form (LaTeX, an expression, a literal): they reject valid answers they do not
# cover. `float(pred) == float(gold)` is a numeric check, where an unreadable answer is wrong.
SYMBOLIC_PARSE = re.compile(r"(?i)pars|sympify|latex|literal_eval|simplif|expr|eval$")
COLLECT = frozenset({"append", "extend", "add", "insert", "update", "appendleft"})


def _smalls(block: cst.BaseSuite) -> list[cst.BaseSmallStatement] | None:
    """The simple statements of a block, or None when it holds a compound statement."""
    statements = list(block.body) if isinstance(block, cst.IndentedBlock) else [block]
    out: list[cst.BaseSmallStatement] = []
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            return None
        out.extend(statement.body)
    return out


def _is_log(small: cst.BaseSmallStatement) -> bool:
    return isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and bool(
        LOG_CALL.match(call_tail(small.value)))


def score_constant(expr: cst.BaseExpression | None) -> str | None:
    """`0.0`, `0`, `False`, or the one constant of `return text, 0.0`: a score given in place of a parse.
    None, NaN, negative numbers and strings are sentinels or labels, not scores."""
    if isinstance(expr, (cst.Integer, cst.Float)):
        return expr.value
    if isinstance(expr, cst.Name) and expr.value in ("True", "False"):
        return expr.value
    if isinstance(expr, cst.Tuple):
        constants = [score_constant(e.value) for e in expr.elements]
        found = [c for c in constants if c is not None]
        rest = [e.value for e, c in zip(expr.elements, constants) if c is None]
        if len(found) == 1 and all(isinstance(r, (cst.Name, cst.Attribute, cst.SimpleString)) for r in rest):
            return found[0]
    return None


def logged_score(handler: cst.ExceptHandler) -> str | None:
    """The score a handler returns after only logging: `logger.warning(...); return text, 0.0`."""
    smalls = _smalls(handler.body)
    if not smalls or not isinstance(smalls[-1], cst.Return):
        return None
    if not all(_is_log(s) for s in smalls[:-1]) or not smalls[:-1]:
        return None
    return score_constant(smalls[-1].value)


def _params(function: cst.FunctionDef) -> list[str]:
    return [p.name.value for p in (*function.params.posonly_params, *function.params.params)
            if p.name.value not in ("self", "cls")]


def _names(node: cst.CSTNode) -> set[str]:
    return {n.value for n in walk_scope(node) if isinstance(n, cst.Name)} | (
        {node.value} if isinstance(node, cst.Name) else set())


def equivalence_parse(function: cst.FunctionDef, handler: cst.ExceptHandler, try_node: cst.Try) -> bool:
    """`is_equiv(a, b)`: the try parses both operands and the handler returns False, and nothing in the
    function compares the two operands as they are (`a == b`) first. Two identical answers the parser
    cannot read are then graded as different."""
    smalls = _smalls(handler.body)
    if not smalls or not isinstance(smalls[-1], cst.Return) or not (
            isinstance(smalls[-1].value, cst.Name) and smalls[-1].value.value == "False"):
        return False
    if not all(_is_log(s) for s in smalls[:-1]):
        return False
    params = _params(function)
    if len(params) < 2:
        return False
    parsed = set()
    for node in walk_scope(try_node.body):
        if isinstance(node, cst.Call) and SYMBOLIC_PARSE.search(call_tail(node)):
            for arg in node.args:
                if isinstance(arg.value, cst.Name) and arg.value.value in params:
                    parsed.add(arg.value.value)
    if len(parsed) < 2:
        return False
    for node in walk_scope(function.body):
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1 and isinstance(
                node.comparisons[0].operator, cst.Equal):
            left, right = _raw(node.left), _raw(node.comparisons[0].comparator)
            if left in parsed and right in parsed and left != right:
                return False  # the operands are compared as they are too: identical answers match
    return True


STRING_METHODS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "replace"})


def _raw(expr: cst.BaseExpression) -> str | None:
    """`a`, `a.strip()`, `str(a).lower()`: the parameter compared as written, not parsed."""
    while isinstance(expr, cst.Call):
        if isinstance(expr.func, cst.Attribute) and expr.func.attr.value in STRING_METHODS:
            expr = expr.func.value
        elif isinstance(expr.func, cst.Name) and expr.func.value == "str" and expr.args:
            expr = expr.args[0].value
        else:
            return None
    return expr.value if isinstance(expr, cst.Name) else None


def _mentions(node: cst.CSTNode, name: str) -> bool:
    return name in _names(node)


def _guarded_mean(node: cst.IfExp) -> tuple[str, str] | None:
    """`np.mean(xs) if xs else 0`, `sum(xs) / len(xs) if len(xs) > 0 else 0.0`: (xs, the constant)."""
    test = node.test
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        test = test.left
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and test.func.value == "len" and test.args:
        test = test.args[0].value
    if not isinstance(test, cst.Name):
        return None
    constant = node.orelse
    if not isinstance(constant, (cst.Integer, cst.Float)):
        return None
    body = node.body
    averaged = any(isinstance(n, cst.Call) and MEAN_CALL.search(call_tail(n)) for n in [body, *walk_scope(body)]) or (
        isinstance(body, cst.BinaryOperation) and isinstance(body.operator, cst.Divide))
    if not averaged or not _mentions(body, test.value):
        return None
    return test.value, constant.value


def _guarded_return(node: cst.If) -> tuple[str, str] | None:
    """`if not xs: return 0.0` (or `len(xs) == 0`), before a mean of xs: (xs, the constant)."""
    test = node.test
    name = None
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) and isinstance(test.expression, cst.Name):
        name = test.expression.value
    elif isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(
            test.comparisons[0].operator, cst.Equal) and isinstance(test.comparisons[0].comparator, cst.Integer) \
            and test.comparisons[0].comparator.value == "0" and isinstance(test.left, cst.Call) and isinstance(
            test.left.func, cst.Name) and test.left.func.value == "len" and test.left.args and isinstance(
            test.left.args[0].value, cst.Name):
        name = test.left.args[0].value.value
    smalls = _smalls(node.body)
    if name is None or node.orelse is not None or not smalls or len(smalls) != 1 or not isinstance(smalls[0], cst.Return):
        return None
    value = smalls[0].value
    if isinstance(value, (cst.Integer, cst.Float)):
        return name, value.value
    if isinstance(value, cst.Dict) and any(isinstance(e, cst.DictElement) and isinstance(e.value, (cst.Integer, cst.Float))
                                           and re.search(r"(?i)acc|score|mean|avg|rate|f1|pass", _text(e.key))
                                           for e in value.elements):
        return name, "a score of " + next(e.value.value for e in value.elements if isinstance(e, cst.DictElement)
                                          and isinstance(e.value, (cst.Integer, cst.Float)))
    return None


def _text(node: cst.CSTNode) -> str:
    return " ".join(n.value for n in [node, *walk_scope(node)] if isinstance(n, (cst.Name, cst.SimpleString)))


def _collects_into(loop: cst.For | cst.While, name: str) -> bool:
    for node in walk_scope(loop.body):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in COLLECT \
                and isinstance(node.func.value, cst.Name) and node.func.value.value == name:
            return True
        if isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Name) and node.target.value == name:
            return True
    return False


def _skips(handler: cst.ExceptHandler) -> bool:
    """The handler logs at most, and goes on with the next item (`continue` / `pass`)."""
    smalls = _smalls(handler.body)
    if not smalls or not isinstance(smalls[-1], (cst.Continue, cst.Pass)):
        return False
    return all(_is_log(s) for s in smalls[:-1])


def skips_item(handler: cst.ExceptHandler) -> bool:
    """The handler logs at most and goes on with the next item: the only handlers `empty_means` reports."""
    return _skips(handler)


def empty_means(scope: cst.CSTNode) -> list[tuple[cst.ExceptHandler, cst.For | cst.While, cst.IfExp | cst.If, str]]:
    """`for f in files: try: ... except Exception: log(...); continue` collecting into `results`, then
    `np.mean(results) if results else 0` (or `if not results: return 0.0`): every failure vanishes, and a run where all of them failed
    reports a score of 0. (handler, loop, the guarded mean, its constant) per swallow."""
    means = [(n, g) for n in walk_scope(scope) if n.__class__ is cst.IfExp or n.__class__ is cst.If
             for g in [_guarded_mean(n) if isinstance(n, cst.IfExp) else _guarded_return(n)] if g]
    if not means:
        return []
    found = []
    loops = [n for n in walk_scope(scope) if isinstance(n, (cst.For, cst.While))]
    seen: set[int] = set()
    for ifexp, (name, constant) in means:
        for loop in loops:
            if not _collects_into(loop, name):
                continue
            for node in walk_scope(loop.body):
                if isinstance(node, cst.Try):
                    for handler in node.handlers:
                        if id(handler) not in seen and _skips(handler):
                            seen.add(id(handler))
                            found.append((handler, loop, ifexp, constant))
    return found


def miss_score(branch: cst.If) -> tuple[cst.Return, str] | None:
    """`if m is None: log.warning(...); return text, 0.0` (or `return 0.0`): the branch taken when the parse
    found nothing only logs and gives a numeric score, so an unreadable judge reply is averaged as a real
    0. (the return, the constant); None for `return None`, `True`/`False` and anything the branch does else."""
    smalls = _smalls(branch.body)
    if not smalls or not isinstance(smalls[-1], cst.Return) or not all(_is_log(s) for s in smalls[:-1]):
        return None
    value = smalls[-1].value
    constant = score_constant(value)
    if constant is None or constant in ("True", "False"):
        return None
    return smalls[-1], constant


VECTOR_FILLS = frozenset({"zeros", "ones", "full", "zeros_like", "ones_like", "full_like"})


def constant_vector(expr: cst.BaseExpression | None) -> str | None:
    """`np.zeros(k)`, `torch.zeros(k)`, `np.full(k, 0.5)`, `[0.0] * k`: a prediction vector that holds no
    prediction. Its source text, or None."""
    if isinstance(expr, cst.Call) and call_tail(expr) in VECTOR_FILLS and isinstance(expr.func, cst.Attribute):
        if call_tail(expr).startswith("full") and not (len(expr.args) >= 2 and isinstance(
                expr.args[1].value, (cst.Integer, cst.Float))):
            return None  # `np.full(k, np.nan)`: the miss stays visible as NaN
        return call_tail(expr)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Multiply):
        for side in (expr.left, expr.right):
            if isinstance(side, cst.List) and len(side.elements) == 1 and isinstance(
                    side.elements[0].value, (cst.Integer, cst.Float)):
                return "[" + side.elements[0].value.value + "] * n"
    return None


def logged_vector(handler: cst.ExceptHandler) -> str | None:
    """The constant vector a handler returns after at most logging: `except ValueError: return np.zeros(k)`."""
    smalls = _smalls(handler.body)
    if not smalls or not isinstance(smalls[-1], cst.Return) or not all(_is_log(s) for s in smalls[:-1]):
        return None
    return constant_vector(smalls[-1].value)


# -- an empty reply a classifier counts as a class ---------------------------------------------------
# A function that classifies a model's reply (`is_refusal(text)`, `judge_compliance(reply)`) and whose
# answer for an empty reply is fixed by a test of emptiness (`not text.strip() or ...`, `if not reply:
# return True`): a failed request that becomes "" is counted as that class.
# A label that names the failure itself (`return "invalid"`): the empty reply is counted apart.
_NAMED_FAILURE = re.compile(r"(?i)err|fail|invalid|unknown|empty|none|n/?a\b|unpars|missing|skip|no[ _]?answer")
_CLASSIFIER_NAME = re.compile(r"(?i)refus|compl[iy]|jailbr|harm|safe|toxic|classif|judge|grade|label|verdict|"
                              r"is_|^has_|correct|match|flip|sycophan|agree")


def _emptiness_of(expr: cst.BaseExpression) -> str | None:
    """The name tested for emptiness: `not text`, `not text.strip()`, `text == ""`, `len(text) == 0`,
    `text.strip() == ""`, `text is None`."""
    def name(e: cst.BaseExpression) -> str | None:
        while isinstance(e, cst.Call) and isinstance(e.func, cst.Attribute) and e.func.attr.value in (
                "strip", "lower", "rstrip", "lstrip", "casefold"):
            e = e.func.value
        if isinstance(e, cst.Call) and isinstance(e.func, cst.Name) and e.func.value == "len" and len(e.args) == 1:
            return name(e.args[0].value)
        return e.value if isinstance(e, cst.Name) else None

    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        return name(expr.expression)
    if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1:
        op, right = expr.comparisons[0].operator, expr.comparisons[0].comparator
        empty = (isinstance(right, cst.SimpleString) and right.evaluated_value == "") or (
            isinstance(right, cst.Integer) and right.value == "0") or (isinstance(right, cst.Name) and right.value == "None")
        if empty and isinstance(op, (cst.Equal, cst.Is)):
            return name(expr.left)
    return None


def empty_counted_as_class(function: cst.FunctionDef) -> str | None:
    """When `function` classifies a reply and answers a fixed class for an empty one, the parameter it
    tests (else None): `return not text.strip() or any(m in text for m in MARKERS)`, or
    `if not reply: return True` / `return "refusal"` / `return 1`."""
    if not _CLASSIFIER_NAME.search(function.name.value):
        return None
    params = {p.name.value for p in function.params.params}
    for node in iter_nodes(function.body):  # `t = text.strip().lower()`: `t` is the parameter, normalised
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and _emptiness_of(cst.UnaryOperation(cst.Not(), node.value)) in params:
            params.add(node.targets[0].target.value)
    for node in iter_nodes(function.body):
        if isinstance(node, cst.Return) and isinstance(node.value, cst.BooleanOperation) and isinstance(
                node.value.operator, cst.Or):
            tested = _emptiness_of(node.value.left)
            if tested in params:
                return tested
        if isinstance(node, cst.If):
            tested = _emptiness_of(node.test)
            body = node.body.body if isinstance(node.body, cst.IndentedBlock) else []
            first = body[0].body[0] if body and isinstance(body[0], cst.SimpleStatementLine) else None
            if tested in params and isinstance(first, cst.Return) and first.value is not None and (
                    (isinstance(first.value, cst.Name) and first.value.value == "True")
                    or (isinstance(first.value, cst.Integer) and first.value.value == "1")
                    or (isinstance(first.value, cst.SimpleString)
                        and not _NAMED_FAILURE.search(first.value.evaluated_value or "empty"))):
                return tested
    return None


def logged_empty_reply(handler: cst.ExceptHandler) -> bool:
    """The handler logs the failure (a call statement) and returns an empty reply (`return ""`, `return None`)."""
    block = handler.body
    statements = list(block.body) if isinstance(block, cst.IndentedBlock) else [block]
    logged = returned = False
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            return False
        for small in statement.body:
            if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                logged = True
            elif isinstance(small, cst.Return) and (
                    (isinstance(small.value, cst.SimpleString) and small.value.evaluated_value == "")
                    or (isinstance(small.value, cst.Name) and small.value.value == "None")):
                returned = True
            else:
                return False
    return logged and returned
