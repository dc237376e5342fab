"""Expressions to graph nodes: what a value was computed from, one expression at a time.

`Evaluator.value(expr)` returns the node id of the value `expr` computes (0 when it carries no
data: numbers, None, unknown modules), or the literal itself for a string or a list of strings,
which callers keep in `info` rather than as nodes. The statement side (scopes, binding, control
flow) is in `builder.py`.
"""
from __future__ import annotations

from typing import Any, Union

import libcst as cst

from hygiene.analysis.apis import llm
from hygiene.analysis.dataflow.containers import ContainerValues
from hygiene.analysis.strings import pattern_value, string_value

Value = Union[int, str, tuple]  # a node id, or a literal string / tuple of strings

_KEEP_POSITIONS = frozenset({"fit", "xform", "pred", "metric", "part", "setcol", "subset", "apply", "guard",
                             "effect", "elem", "param", "call", "llm", "select", "loop", "split"})
_COMPARE = {cst.Equal: "==", cst.NotEqual: "!=", cst.LessThan: "<", cst.LessThanEqual: "<=",
            cst.GreaterThan: ">", cst.GreaterThanEqual: ">=", cst.In: "in", cst.NotIn: "not in",
            cst.Is: "is", cst.IsNot: "is not"}
_PASS_THROUGH = frozenset({"builtins.list", "builtins.tuple", "builtins.iter", "builtins.next", "builtins.enumerate",
                           "builtins.reversed", "numpy.array", "numpy.asarray", "torch.tensor", "torch.from_numpy",
                           "torch.as_tensor", "pandas.DataFrame", "pandas.Series", "tqdm.tqdm", "tqdm.auto.tqdm",
                           "tqdm.notebook.tqdm", "pandas.get_dummies", "torch.utils.data.DataLoader",
                           "torch.utils.data.TensorDataset", "numpy.squeeze", "numpy.ravel"})
MAX_NODES = 200_000


class Evaluator(ContainerValues):
    """Node storage and expression evaluation; `builder.DataflowBuilder` adds the statements."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.kinds: list[str] = [""]
        self.inputs: list[tuple[int, ...]] = [()]
        self.infos: list[dict[str, Any] | None] = [None]
        self.refs: list[cst.CSTNode | None] = [None]
        self.stmts: list[cst.CSTNode | None] = [None]
        self.guards: list[int] = [0]
        self.funcs: list[int] = [0]
        self.scopes: list[dict[str, int]] = [{}]
        self.guard = 0
        self.fn_index = 0
        self.loops: list[int] = []
        self.stmt: cst.CSTNode | None = None
        self.class_name = ""
        self.self_name = ""
        self.attributes: dict[str, dict[str, list[int]]] = {}
        self.overflow = False

    # -- nodes ----------------------------------------------------------------------------------
    def add(self, kind: str, inputs: tuple | list = (), info: dict[str, Any] | None = None,
            ref: cst.CSTNode | None = None) -> int:
        if len(self.kinds) >= MAX_NODES:
            self.overflow = True
            return 0
        ids = tuple(i if isinstance(i, int) else 0 for i in inputs)
        if kind not in _KEEP_POSITIONS and not (kind == "op" and info and info.get("op") == "tuple"):
            ids = tuple(i for i in ids if i)  # (a tuple keeps its positions: `a, b, c = f()` reads them)
        self.kinds.append(kind)
        self.inputs.append(ids)
        self.infos.append(info)
        self.refs.append(ref if ref is not None else self.stmt)
        self.stmts.append(self.stmt)
        self.guards.append(self.guard)
        self.funcs.append(self.fn_index)
        return len(self.kinds) - 1

    def info(self, node: int) -> dict[str, Any]:
        found = self.infos[node] if 0 < node < len(self.infos) else None
        return found if found is not None else {}

    def literal(self, value: Value) -> str | tuple | None:
        """The string or tuple of strings `value` is, through constants bound to names."""
        if isinstance(value, (str, tuple)):
            return value
        if value and self.kinds[value] == "const":
            return self.info(value).get("value")
        return None

    def pattern_column(self, key: int) -> dict[str, str]:
        """`{"colpat": "*_te"}` for a column key written as an f-string with literal text (`f"{col}_te"`), else {}:
        the glob of the names a loop assigns, which a list of feature names can match."""
        text = str(self.info(key).get("text", "")) if self.kinds[key] == "op" and self.info(key).get("op") == "fmt" else ""
        return {"colpat": text} if "*" in text and text.strip("*") else {}

    def node(self, value: Value) -> int:
        """`value` as a node id, materialising a literal as a `const` node."""
        if isinstance(value, int):
            return value
        return self.add("const", (), {"value": list(value) if isinstance(value, tuple) else value})

    def code(self, expr: cst.CSTNode, limit: int = 60) -> str:
        text = " ".join(self.ctx.code(expr).split())
        return text if len(text) <= limit else text[: limit - 3] + "..."

    def listed_code(self, listed: Value) -> str:
        """The code of a list node (`callbacks=callbacks`), with the calls that made its items
        (`[ckpt]` with `ckpt = ModelCheckpoint(...)` before it); "" for anything else."""
        if not (isinstance(listed, int) and listed and self.kinds[listed] == "op"):
            return ""
        made = (self.ctx.code(self.refs[i].func) for i in self.inputs[listed][:8]
                if i and self.kinds[i] == "call" and isinstance(self.refs[i], cst.Call))
        return self.ctx.code(self.refs[listed]) + "".join(made)

    # -- names ----------------------------------------------------------------------------------
    def lookup(self, name: str) -> int:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return 0

    def name_value(self, expr: cst.Name) -> Value:
        name = expr.value
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        if name in ("None", "True", "False"):
            return 0
        names = self.ctx.names
        found, meaning = names.lookup(name) if names is not None else (False, None)
        if found:
            if not meaning or meaning.startswith("builtins.") or meaning.endswith("()"):
                return 0
            if meaning.startswith(f"{names.module_name}."):
                return self.add("fn", (), {"fn": meaning})  # a function or class of this file
            return self.add("import", (), {"qn": meaning})
        # A module-level name bound later (or in a later cell), or never bound in this file: one
        # node per name, so that two reads of it are the same value.
        node = self.add("global", (), {"name": name})
        if len(self.scopes) == 1:
            self.scopes[0][name] = node
        return node

    def is_module(self, expr: cst.BaseExpression) -> bool:
        """Is `expr` a module (or an attribute path inside one), not a value of the program?"""
        while isinstance(expr, cst.Attribute):
            expr = expr.value
        if not isinstance(expr, cst.Name) or self.lookup_found(expr.value):
            return False
        names = self.ctx.names
        if names is None:
            return False
        found, meaning = names.lookup(expr.value)
        return found and bool(meaning) and "()" not in meaning and not meaning.startswith(f"{names.module_name}.")

    def lookup_found(self, name: str) -> bool:
        return any(name in scope for scope in self.scopes)

    # -- expressions ----------------------------------------------------------------------------
    def value(self, expr: cst.BaseExpression | None) -> Value:
        if expr is None:
            return 0
        kind = type(expr)
        if kind is cst.Name:
            return self.name_value(expr)
        if kind is cst.Call:
            return self.call(expr)
        if kind is cst.Attribute:
            return self.attribute(expr)
        if kind is cst.Subscript:
            return self.subscript(expr)
        if kind in (cst.SimpleString, cst.ConcatenatedString):
            text = string_value(expr)
            return text if text is not None else 0
        if kind is cst.FormattedString:
            parts = [self.value(p.expression) for p in expr.parts if isinstance(p, cst.FormattedStringExpression)]
            text = pattern_value(expr) or ""
            return self.add("op", parts, {"op": "fmt", "text": text[:80]}, expr) if any(
                isinstance(p, int) and p for p in parts) else text
        if kind in (cst.List, cst.Tuple, cst.Set):
            items = [self.value(e.value) for e in expr.elements]
            if items and all(isinstance(i, str) for i in items):
                return tuple(items)
            return self.add("op", [self.node(i) if isinstance(i, (str, tuple)) and kind is not cst.Set else i
                                   for i in items], {"op": "tuple"}, expr)
        if kind is cst.Dict:
            return self.dict_display(expr)
        if kind is cst.BinaryOperation:
            return self.binary(expr)
        if kind is cst.UnaryOperation:
            operand = self.value(expr.expression)
            if isinstance(expr.operator, cst.BitInvert) and isinstance(operand, int) and operand:
                return self.add("op", (operand,), {"op": "~"}, expr)
            return operand if isinstance(operand, int) else 0
        if kind is cst.BooleanOperation:
            return self.merge([self.value(expr.left), self.value(expr.right)], "bool", expr)
        if kind is cst.Comparison:
            return self.comparison(expr)
        if kind in (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp):
            return self.comprehension(expr)
        if kind is cst.IfExp:
            return self.merge([self.value(expr.body), self.value(expr.orelse)], "phi", expr)
        if kind is cst.Lambda:
            self.scopes.append({p.name.value: 0 for p in expr.params.params})
            body = self.value(expr.body)
            self.scopes.pop()
            return self.add("op", (body,), {"op": "lambda"}, expr) if isinstance(body, int) and body else 0
        if kind is cst.Await:
            return self.value(expr.expression)
        if kind is cst.NamedExpr:
            inner = self.value(expr.value)
            if isinstance(expr.target, cst.Name):
                self.scopes[-1][expr.target.value] = self.node(inner) if inner else 0
            return inner
        if kind is cst.StarredElement:
            return self.value(expr.value)
        return 0

    def merge(self, values: list[Value], op: str, expr: cst.CSTNode) -> int:
        ids = [v for v in values if isinstance(v, int) and v]
        if not ids:
            return 0
        if len(ids) == 1:
            return ids[0]
        return self.add("op", ids, {"op": op}, expr)

    def dict_display(self, expr: cst.Dict) -> Value:
        keys, values = [], []
        for element in expr.elements:
            if isinstance(element, cst.DictElement):
                key = self.value(element.key)
                keys.append(key if isinstance(key, str) else "")
                values.append(self.value(element.value))
            else:  # **other
                keys.append("**")
                values.append(self.value(element.value))
        ids = [v if isinstance(v, int) else 0 for v in values]
        if not any(ids):
            return 0
        return self.add("op", ids, {"op": "dict", "keys": [k for k, v in zip(keys, ids) if v]}, expr)

    def binary(self, expr: cst.BinaryOperation) -> Value:
        left, right = self.value(expr.left), self.value(expr.right)
        if isinstance(expr.operator, cst.Add):  # `X + [T]`: lists of names, through constants
            joined = [self.names_list(v) for v in (left, right)]
            if joined[0] is not None and joined[1] is not None:
                return joined[0] + joined[1]
        if isinstance(expr.operator, cst.Add) and isinstance(left, str) and isinstance(right, str):
            return left + right
        op = type(expr.operator).__name__
        ids = [v for v in (left, right) if isinstance(v, int) and v]
        if not ids:
            return 0
        # `(x - x.mean()) / x.std()` is a normalisation fit on whatever `x.mean()` summarised.
        # `mean - std` (two summaries, a range to draw from) normalises no data.
        if (op in ("Subtract", "Divide") and isinstance(right, int) and right and self.kinds[right] == "stat"
                and not (isinstance(left, int) and left and self.kinds[left] == "stat")):
            fit = self.add("fit", (0, self.inputs[right][0], 0),
                           {"cls": self.info(right).get("m", "statistic"), "kind": "stat", "m": op.lower(),
                            "on": self.info(right).get("on", ""), **{k: True for k in ("axis",) if self.info(right).get(k)}},
                           expr.right)
            return self.add("xform", (fit, left if isinstance(left, int) else 0), {"m": op.lower()}, expr)
        text = pattern_value(expr.left) if isinstance(left, str) else None
        return self.add("op", ids, {"op": op, **({"text": text[:80]} if text else {})}, expr)

    def names_list(self, value: Value) -> tuple | None:
        """The strings a list is made of (`X` bound to a list of column names, `[T]` of a name bound
        to one), or None when any item is not a known string."""
        if isinstance(value, int) and value and self.kinds[value] == "op" and self.info(value).get("op") == "tuple":
            items = [self.literal(i) for i in self.inputs[value]]
            return tuple(items) if items and all(isinstance(i, str) for i in items) else None
        return _strings(self.literal(value) if isinstance(value, int) else value)

    def comparison(self, expr: cst.Comparison) -> Value:
        operands = [self.value(expr.left)] + [self.value(t.comparator) for t in expr.comparisons]
        ops = [_COMPARE.get(type(t.operator), "?") for t in expr.comparisons]
        lits = [v if isinstance(v, str) else list(v) for v in operands if isinstance(v, (str, tuple))]
        ids = [v if isinstance(v, int) else 0 for v in operands]
        if not any(ids):
            return 0
        info: dict[str, Any] = {"op": ops[0]}
        if lits:
            info["lits"] = lits
        return self.add("cmp", ids, info, expr)

    def attribute(self, expr: cst.Attribute) -> Value:
        base = expr.value
        attr = expr.attr.value
        if isinstance(base, cst.Name) and base.value == self.self_name and self.class_name:
            bound = self.attributes.get(self.class_name, {}).get(attr)
            if bound:
                return bound[-1]
            return self.add("selfattr", (), {"cls": self.class_name, "attr": attr}, expr)
        if self.is_module(base):
            return 0
        inner = self.value(base)
        if not isinstance(inner, int) or not inner:
            return 0
        return self.add("op", (inner,), {"op": "attr", "a": attr}, expr)

    # bind() and call() are provided by the builder and the call module.
    def bind(self, target: cst.BaseExpression, value: Value, where: cst.CSTNode) -> None:  # pragma: no cover
        raise NotImplementedError

    def call(self, expr: cst.Call) -> Value:  # pragma: no cover
        raise NotImplementedError


def is_model_call(name: str | None, node: cst.Call) -> bool:
    return llm.model_call(name, node)


def _strings(value: object) -> tuple | None:
    """`value` as a tuple of strings when it is a list or tuple of them (a list of column names)."""
    if isinstance(value, (tuple, list)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None
