"""A notebook's forward pass on one example whose output is only shown: a demonstration, no reported number.

`logits, = model(pp(image)[None])` followed by `plt.bar(names, logits)` shows what one image gets (held-out
set 26: a Colab that loads a checkpoint into timm and plots one test image's logits beside its JAX model's).
Training mode would make that picture noisier, but no number is scored or kept from it: EVAL001 asks about
it instead of reporting it. Kept a finding: a forward call inside a loop or a function, on a batch that is
not shown to be a single example, or whose output (or a value made from it) is compared with anything,
handed to a metric or a loss, added to a collection or written out.

A single example is a batch of one made in the code: an axis added in front (`x[None]`, `x[np.newaxis, ...]`,
`x.unsqueeze(0)`, `np.expand_dims(x, 0)`), a reshape to one row (`x.view(1, -1)`), a stack of one item, also
moved or cast (`torch.tensor(...)`, `.to(device)`), bound to a name earlier in the notebook, or returned by
every `return` of a function of the notebook (`def pp_torch(img): ...; return torch.tensor(img[None])`); or
an output unpacked into one item (`logits, = model(x)`, which fails for any other batch size).
"""
from __future__ import annotations

import ast
from collections.abc import Iterator

# Calls that move, cast, wrap or reorder a tensor without changing how many examples it holds; the first group
# takes the tensor as its first argument (`torch.tensor(x)`), the others are its methods (`x.to(device)`).
_WRAPPING_FUNCTIONS = frozenset({"tensor", "as_tensor", "from_numpy", "asarray", "array", "convert_to_tensor", "constant"})
_WRAPPING_METHODS = frozenset({"to", "cuda", "cpu", "float", "half", "double", "permute", "transpose", "contiguous",
                               "numpy", "type", "detach", "clone", "requires_grad_"})
# Words of a call that scores, compares, keeps or writes what it is given (`accuracy_score`, `criterion`,
# `preds.append`, `np.save`, `wandb.log`, `np.allclose`).
_KEEPING = frozenset("accuracy acc score metric metrics f1 auc precision recall loss criterion error mse mae correct "
                     "evaluate eval append extend add update save savez savetxt dump dumps write writerow csv log "
                     "allclose isclose equal compare".split())


def shown_one_example(text: str, call_line: int, target: str) -> bool:
    """Is the forward call of `target` at analysed line `call_line` of the notebook code `text` a demonstration:
    at the top level, on one example, its output only shown (see the module's doc)?"""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    for index, statement in enumerate(tree.body):
        if _spans(statement, call_line):
            return _demonstrates(tree.body, index, call_line, target)
    return False


def _demonstrates(body: list[ast.stmt], index: int, call_line: int, target: str) -> bool:
    statement = body[index]
    # Under `with torch.no_grad():` or an `if`, still the notebook's top level; not in a loop or a definition.
    while isinstance(statement, (ast.With, ast.If)):
        inner = [s for s in statement.body + getattr(statement, "orelse", []) if _spans(s, call_line)]
        if not inner:
            return False
        statement = inner[0]
    if not isinstance(statement, (ast.Assign, ast.Expr)):
        return False
    calls = [c for c in ast.walk(statement) if isinstance(c, ast.Call) and _spans(c, call_line) and _text(c.func) == target]
    if len(calls) != 1:
        return False
    call = calls[0]
    unpacked = isinstance(statement, ast.Assign) and any(
        isinstance(t, (ast.Tuple, ast.List)) and len(t.elts) == 1 for t in statement.targets)
    if not unpacked and not any(_one_example(a, body[:index], 0) for a in call.args):
        return False
    if _kept(statement.value, set(), call):
        return False
    shown = {n.id for t in getattr(statement, "targets", ()) for n in ast.walk(t) if isinstance(n, ast.Name)}
    for later in body[index + 1:]:
        if not shown:
            break
        if _kept(later, shown, None):
            return False
        for node in ast.walk(later):
            if isinstance(node, ast.Assign):
                bound = {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
                if _uses(node.value, shown):
                    shown |= bound
                elif node is later:
                    shown -= bound  # the name now holds something else
    return True


def _spans(node: ast.AST, line: int) -> bool:
    return node.lineno <= line <= (node.end_lineno or node.lineno)


def _kept(node: ast.AST, names: set[str], call: ast.Call | None) -> bool:
    """Does a value of `names` (or the forward call `call` itself) reach a comparison, an augmented assignment
    or a call that scores, keeps or writes it, inside `node`?"""
    def reads(part: ast.AST) -> bool:
        return (call is not None and any(n is call for n in ast.walk(part))) or _uses(part, names)
    for inner in ast.walk(node):
        if isinstance(inner, ast.Compare) and reads(inner):
            return True
        if isinstance(inner, ast.AugAssign) and (reads(inner.value) or reads(inner.target)):
            return True
        if isinstance(inner, ast.Call) and inner is not call:
            words = set(_text(inner.func).rsplit(".", 1)[-1].lower().split("_"))
            if words & _KEEPING and any(reads(a) for a in [*inner.args, *(k.value for k in inner.keywords)]):
                return True
    return False


def _uses(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def _one_example(expr: ast.expr, scope: list[ast.stmt], depth: int) -> bool:
    """Is `expr` a batch of one example made in the code (see the module's doc)? `scope`: the statements before
    it, where its names are bound."""
    if depth > 8:
        return False
    if isinstance(expr, ast.Subscript):
        index = expr.slice.elts[0] if isinstance(expr.slice, ast.Tuple) and expr.slice.elts else expr.slice
        if isinstance(index, ast.Constant) and index.value is None or _text(index).endswith("newaxis"):
            return True
        upper = index.upper if isinstance(index, ast.Slice) else None
        return isinstance(index, ast.Slice) and index.lower is not None and isinstance(upper, ast.BinOp) and isinstance(upper.op, ast.Add) \
            and _text(upper.left) == _text(index.lower) and _constant(upper.right, 1)  # x[i:i + 1]
    if isinstance(expr, ast.Name):
        value = _bound(expr.id, scope)
        return value is not None and _one_example(value, scope, depth + 1)
    if not isinstance(expr, ast.Call):
        return False
    name = _text(expr.func)
    method = name.rsplit(".", 1)[-1]
    args = expr.args
    axis = [k.value for k in expr.keywords if k.arg in ("dim", "axis")]
    if method in ("unsqueeze", "expand_dims"):
        # `x.unsqueeze(0)`, `torch.unsqueeze(x, 0)`, `np.expand_dims(x, axis=0)`
        where = axis[0] if axis else args[-1] if args else None
        return where is not None and _constant(where, 0)
    if method in ("view", "reshape"):
        dims = next((a.elts for a in args if isinstance(a, (ast.Tuple, ast.List))), args)
        return bool(dims) and _constant(dims[0], 1)
    if method in ("stack", "concatenate", "cat"):
        items = args[0] if args else None
        return isinstance(items, (ast.List, ast.Tuple)) and len(items.elts) == 1 and not isinstance(items.elts[0], ast.Starred)
    if method in _WRAPPING_FUNCTIONS:
        return bool(args) and _one_example(args[0], scope, depth + 1)
    if method in _WRAPPING_METHODS and isinstance(expr.func, ast.Attribute):
        return _one_example(expr.func.value, scope, depth + 1)
    function = next((s for s in reversed(scope) if isinstance(s, ast.FunctionDef) and s.name == name), None)
    if function is not None:
        returns = [r.value for r in _own_nodes(function.body) if isinstance(r, ast.Return)]
        return bool(returns) and all(r is not None and _one_example(r, function.body, depth + 1) for r in returns)
    return False


def _constant(node: ast.AST, value: int) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value == value


def _bound(name: str, scope: list[ast.stmt]) -> ast.expr | None:
    """The value last bound to `name` by a plain assignment among `scope`'s statements (not inside a definition)."""
    value = None
    for node in _own_nodes(scope):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id == name:
            value = node.value
    return value


def _own_nodes(statements: list[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of `statements` in order, not descending into the functions and classes they define."""
    for statement in statements:
        stack = [statement]
        while stack:
            node = stack.pop(0)
            yield node
            stack[:0] = [c for c in ast.iter_child_nodes(node)
                         if not isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))]


def _text(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except (ValueError, TypeError, AttributeError):
        return ""
