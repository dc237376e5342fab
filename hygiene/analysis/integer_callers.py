"""Do the repository's callers of a function pass integers for one of its parameters?

SEED008 reports a set made from a parameter (`def encode_onehot(labels): classes = set(labels)`) whose items'
type the function does not say. Integers (and numpy's integer scalars) hash to themselves, so a set of them
iterates in the same order in every run; only strings, bytes and objects hashed by identity (a torch tensor's
items) change it. When every call of the function in the repository passes integer indices in that place
(`encode_onehot(np.where(off_diag)[0])`, `range(n)`, `np.arange(k)`, `[0, 2, 5]`), the order is fixed
(held-out set 25: GraN-DAG's one-hot relation matrices). A function nobody calls, one passed around as a
value (`map(encode_onehot, columns)`), a call that leaves the parameter to its default or spreads `*args`,
or one whose argument is anything else keeps the finding.

Integers, read from the code: an integer literal or a list, tuple or set of them; `range(...)`; numpy's index
functions (`np.arange`, `np.flatnonzero`, `np.argsort`, `np.argmax` / `np.argmin`, `np.where(cond)[i]` and
`np.nonzero(x)[i]` of one argument); these wrapped in `list`, `tuple`, `sorted` or `.tolist()`; a name bound
to one of them in the same function. Torch's index functions are left out: a set of a tensor holds 0-d tensors,
which hash by identity.
"""
from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene.context import RepoContext

# numpy functions whose result holds integers (indices or a range).
_NUMPY_INTEGERS = frozenset({"arange", "flatnonzero", "argsort", "argmax", "argmin", "argwhere"})
# numpy functions returning a tuple of index arrays when given one argument.
_NUMPY_INDEX_TUPLES = frozenset({"where", "nonzero"})
_KEEPING = frozenset({"list", "tuple", "sorted", "set", "frozenset"})


def integer_arguments(repo: RepoContext, function: str, param: str, position: int) -> bool:
    """Does every call of `function` (a top-level function's name) in the repository pass integers as `param`
    (positional index `position`), with at least one such call, and nothing use the function as a value?"""
    calls = repo.shared(f"integer_callers:{function}", lambda: _calls(repo, function), keep=True)
    if calls is None or not calls:
        return False
    return all(_passes_integers(call, scope, numpy, param, position) for call, scope, numpy in calls)


def _calls(repo: RepoContext, function: str) -> list[tuple[ast.Call, list[ast.stmt], frozenset[str]]] | None:
    """Every call of `function` by name in the repository's code, with the statements of its scope and the
    names numpy goes by in its file; None when the name is used otherwise than called or defined."""
    word = re.compile(rf"\b{re.escape(function)}\b")
    found = []
    for source in repo.files():
        if source.kind not in ("python", "notebook"):
            continue
        try:
            if function.encode() not in repo.read_bytes(source.path):
                continue  # a notebook's cells are parsed only when the name is in its file
        except OSError:
            continue
        text = repo.code_text(source.path)
        if not text or not word.search(text):
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            return None
        numpy = frozenset({a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
                           for a in n.names if a.name == "numpy"})
        callee_ids = set()
        for body in _bodies(tree):
            for node in _own_nodes(body):
                if isinstance(node, ast.Call) and _names(node.func, function):
                    found.append((node, body, numpy))
                    callee_ids.add(id(node.func))
        for node in ast.walk(tree):
            if _names(node, function) and id(node) not in callee_ids and isinstance(getattr(node, "ctx", None), ast.Load):
                return None  # passed around as a value: its callers cannot all be seen
    return found


def _names(node: ast.AST, function: str) -> bool:
    return isinstance(node, ast.Name) and node.id == function or isinstance(node, ast.Attribute) and node.attr == function


def _bodies(tree: ast.Module) -> list[list[ast.stmt]]:
    """The statements of the module and of each function in it: the scopes a call's names are bound in."""
    return [tree.body, *(n.body for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))]


def _own_nodes(body: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of `body`, not inside the functions, classes and lambdas it defines."""
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed([c for c in ast.iter_child_nodes(node)
                               if not isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))]))
    return out


def _passes_integers(call: ast.Call, scope: list[ast.stmt], numpy: frozenset[str], param: str, position: int) -> bool:
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return False
    given = call.args[position] if position < len(call.args) else next(
        (k.value for k in call.keywords if k.arg == param), None)
    return given is not None and _integers(given, scope, numpy, 0)


def _integers(expr: ast.expr, scope: list[ast.stmt], numpy: frozenset[str], depth: int) -> bool:
    """Does `expr` hold integers (see the module's doc)?"""
    if depth > 6:
        return False
    if isinstance(expr, ast.Constant):
        return type(expr.value) is int
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return bool(expr.elts) and all(_integers(e, scope, numpy, depth + 1) for e in expr.elts)
    if isinstance(expr, ast.Name):
        value = _bound(expr.id, scope)
        return value is not None and _integers(value, scope, numpy, depth + 1)
    if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Call):
        inner = expr.value
        return _numpy_call(inner, numpy) in _NUMPY_INDEX_TUPLES and len(inner.args) == 1 and not inner.keywords
    if not isinstance(expr, ast.Call):
        return False
    if isinstance(expr.func, ast.Name) and expr.func.id == "range":
        return True
    if isinstance(expr.func, ast.Name) and expr.func.id in _KEEPING and len(expr.args) == 1:
        return _integers(expr.args[0], scope, numpy, depth + 1)
    if isinstance(expr.func, ast.Attribute) and expr.func.attr == "tolist" and not expr.args:
        return _integers(expr.func.value, scope, numpy, depth + 1)
    return _numpy_call(expr, numpy) in _NUMPY_INTEGERS


def _numpy_call(call: ast.Call, numpy: frozenset[str]) -> str:
    """`arange` for `np.arange(...)` when `np` is numpy in the file; "" for any other call."""
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in numpy:
        return func.attr
    return ""


def _bound(name: str, scope: list[ast.stmt]) -> ast.expr | None:
    """The value `name` is bound to in `scope`, when one plain assignment binds it there and nothing else does."""
    values = []
    for node in _own_nodes(scope):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            values.append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.With, ast.NamedExpr)) or \
                isinstance(node, ast.Assign) and any(not isinstance(t, ast.Name) and _binds(t, name) for t in node.targets):
            if any(_binds(t, name) for t in _targets(node)):
                return None
    return values[0] if len(values) == 1 else None


def _targets(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr)):
        return [node.target]
    if isinstance(node, ast.For):
        return [node.target]
    if isinstance(node, ast.With):
        return [i.optional_vars for i in node.items if i.optional_vars is not None]
    if isinstance(node, ast.Assign):
        return list(node.targets)
    return []


def _binds(target: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))
