"""Container expressions to graph nodes: subscripts, slices, the parts of a split, column
selections, and comprehensions with the loops they bind. A part of `expressions.Evaluator`,
which provides the node storage (`add`, `info`, `kinds`, `inputs`), `value()` and `bind()`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.strings import string_value

if TYPE_CHECKING:
    from hygiene.analysis.dataflow.expressions import Value


# Loaders that return an archive of named arrays (`np.load` of an .npz, `torch.load`, `pickle.load`,
# `joblib.load`, scipy's `loadmat`, h5py's `File`), not a table whose string keys are columns.
_ARCHIVE_LOADS = frozenset({"load", "loadmat", "File"})
# pandas methods that return a boolean mask of rows (`df[df["pred"].notna()]` keeps some rows).
_MASK_METHODS = frozenset({"notna", "notnull", "isna", "isnull", "isin", "between", "duplicated"})


class ContainerValues:
    """What subscripts and comprehensions compute; mixed into `expressions.Evaluator`."""

    def subscript(self, expr: cst.Subscript) -> Value:
        container = expr.value
        located = isinstance(container, cst.Attribute) and container.attr.value in ("loc", "iloc", "at", "iat")
        base = self.value(container.value if located else container)
        if not isinstance(base, int) or not base:
            if isinstance(base, tuple) and len(expr.slice) == 1:
                return base  # a slice of a constant list is still constant enough
            return 0
        slices = [s.slice for s in expr.slice]
        if located:
            rows = slices[0]
            cols = slices[1].value if len(slices) > 1 and isinstance(slices[1], cst.Index) else None
            current = base
            if isinstance(rows, cst.Slice):
                current = self.slice_of(current, rows, expr) if not self.full_slice(rows) else current
            elif isinstance(rows, cst.Index):
                mask = self.value(rows.value)
                if isinstance(mask, int) and mask:  # `X.iloc[train_idx]`: a fold's part picks rows by index
                    how = "index" if self.kinds[mask] == "part" else "mask"
                    current = self.add("subset", (current, mask), {"how": how}, expr)
            if len(slices) > 1 and isinstance(slices[1], cst.Slice) and not self.full_slice(slices[1]):
                return self.add("op", (current,), {"op": "index"}, expr)  # columns by position
            if cols is not None:
                names = self.value(cols)
                literal = self.literal(names)
                if literal is not None:
                    current = self.columns(current, literal, expr)
                else:
                    current = self.add("col", (current, names if isinstance(names, int) else 0), {"cols": ["?"]}, expr)
            return current
        first = slices[0]
        if isinstance(first, cst.Slice):
            return base if self.full_slice(first) else self.slice_of(base, first, expr)
        if len(slices) > 1:
            return self.add("op", (base,), {"op": "index"}, expr)
        key_expr = first.value
        if isinstance(key_expr, cst.Integer):
            return self.element(base, key_expr.evaluated_value, expr)
        if isinstance(key_expr, cst.UnaryOperation) and isinstance(key_expr.expression, cst.Integer):
            return self.element(base, -key_expr.expression.evaluated_value, expr)
        key = self.value(key_expr)
        literal = self.literal(key)
        if literal is not None:
            return self.columns(base, literal, expr)
        if isinstance(key, int) and key and self.kinds[key] == "comp" and self.info(key).get("names"):
            keys = self.info(key)
            found = {"except": keys["except"]} if "except" in keys else {"cols": keys.get("only", ["?"])}
            return self.add("col", (base, key), found, expr)
        if isinstance(key, int) and key and self.kinds[key] == "param" and isinstance(self.info(key).get("default"), str):
            # `def add_features(frame, target="sales"): frame[target]`: the column its callers leave it at
            return self.columns(base, self.info(key)["default"], expr)
        if isinstance(key, int) and key:
            kind = self.kinds[key]
            name = str(self.info(key).get("name", "")).lower()
            if kind in ("global", "import", "const", "comp") or self.info(key).get("op") == "tuple" or _joined_names(self, key) or any(
                    word in name for word in ("col", "feat", "field", "key")):
                return self.add("col", (base, key), {"cols": ["?"]}, expr)  # columns chosen by a name
            if kind in ("part", "cmp", "subset") or (kind == "op" and self.info(key).get("op") in ("~", "BitAnd", "BitOr")) \
                    or (kind == "call" and self.info(key).get("m") in _MASK_METHODS):
                # `df[df["pred"].notna()]`, `df[df.lang.isin(keep)]`: rows picked by a boolean mask
                return self.add("subset", (base, key), {"how": "mask" if kind != "part" else "index"}, expr)
            return self.add("elem", (base, key), {}, expr)
        if isinstance(key_expr, cst.Name) and (key_expr.value.isupper() or any(
                word in key_expr.value.lower() for word in ("col", "feat", "field"))):
            # `tr[FEATURES]` with `FEATURES = ["f%d" % i for i in range(40)]`: columns named by a
            # constant the analysis does not evaluate, not the whole table
            return self.add("col", (base, 0), {"cols": ["?"]}, expr)
        return self.add("elem", (base,), {}, expr)

    @staticmethod
    def full_slice(piece: cst.Slice) -> bool:
        return piece.lower is None and piece.upper is None and piece.step is None

    def slice_of(self, base: int, piece: cst.Slice, expr: cst.CSTNode) -> int:
        info = {"how": "slice", "lo": self.code(piece.lower, 30) if piece.lower else "",
                "hi": self.code(piece.upper, 30) if piece.upper else ""}
        bounds = [self.value(b) for b in (piece.lower, piece.upper) if b is not None]
        return self.add("subset", (base, *[b if isinstance(b, int) else 0 for b in bounds]), info, expr)

    def element(self, base: int, index: int, expr: cst.CSTNode) -> int:
        if self.kinds[base] == "split":
            return self.part(base, index, expr)
        if self.kinds[base] == "op" and self.info(base).get("op") == "tuple":
            items = self.inputs[base]
            if -len(items) <= index < len(items):
                return items[index]
        loop = self.info(base).get("loop") if self.kinds[base] == "elem" else None
        # `for C, ngram in grid`: each unpacked name is still one of the loop's settings
        return self.add("elem", (base,), {"index": index, "loop": loop} if loop else {"index": index}, expr)

    def part(self, split: int, index: int, expr: cst.CSTNode | None, role: str | None = None) -> int:
        arrays = max(1, int(self.info(split).get("arrays", 1)))
        info: dict[str, Any] = {"index": index}
        if self.info(split).get("pairs"):  # train_test_split: train0, test0, train1, test1, ...
            info["arr"] = index // 2
            info["role"] = role or ("train" if index % 2 == 0 else "test")
        else:
            info["arr"] = 0 if arrays == 1 else min(index, arrays - 1)
            if role:
                info["role"] = role
        return self.add("part", (split,), info, expr)

    def columns(self, base: int, key: str | tuple, expr: cst.CSTNode) -> int:
        if self.kinds[base] == "split" and isinstance(key, str) and kb.literal_role(key):
            return self.part(base, 0, expr, kb.literal_role(key))
        if isinstance(key, str) and key.lower() in kb.SPLIT_NAMES and kb.SPLIT_NAMES[key.lower()] \
                and self.kinds[base] in ("src", "call", "global", "import", "param", "op"):
            # `ds["test"]` of a dataset dict (HF `load_dataset`, a dict of splits): a part by its key
            return self.add("part", (base,), {"key": key, "role": kb.SPLIT_NAMES[key.lower()]}, expr)
        if isinstance(key, str) and self.kinds[base] == "src" and self.info(base).get("call") in _ARCHIVE_LOADS \
                and kb.name_role(key):
            # `np.load("splits.npz")["X_test"]`: an archive of arrays (npz, pickle, torch, MATLAB) holds each
            # part under its own key; a key naming a part is that part, not a column of shared rows
            return self.add("part", (base,), {"key": key, "role": kb.name_role(key)}, expr)
        cols = [key] if isinstance(key, str) else list(key)
        return self.add("col", (base,), {"cols": cols[:50]}, expr)

    # -- comprehensions -------------------------------------------------------------------------
    def comprehension(self, expr: cst.BaseComp | cst.DictComp) -> Value:
        scope: dict[str, int] = {}
        self.scopes.append(scope)
        info: dict[str, Any] = {}
        filters: list[int] = []
        try:
            clause: cst.CompFor | None = expr.for_in
            while clause is not None:
                iterable = self.value(clause.iter)
                if isinstance(iterable, tuple):
                    iterable = self.node(iterable)
                key_name = self.bind_loop_target(clause.target, iterable, clause, -1)
                if key_name:
                    info["items"] = 1
                elif isinstance(clause.target, cst.Name) and self.over_names(iterable):
                    key_name = clause.target.value
                    info["names"] = 1
                for cond in clause.ifs:
                    filters.extend(v for v in [self.value(cond.test)] if isinstance(v, int) and v)
                    if key_name:
                        self.key_filter(cond.test, key_name, info)
                clause = clause.inner_for_in
            if isinstance(expr, cst.DictComp):
                parts = [self.value(expr.key), self.value(expr.value)]
            else:
                parts = [self.value(expr.elt)]
        finally:
            self.scopes.pop()
        ids = [p for p in parts if isinstance(p, int) and p]
        if not ids:
            literal = [p for p in parts if isinstance(p, (str, tuple))]
            return 0 if not literal or filters else literal[0]
        if filters:
            info["filter"] = filters
        return self.add("comp", ids + filters, info, expr)

    def over_names(self, iterable: Value) -> bool:
        """Iterating column names or keys: `df.columns`, `d.keys()`."""
        if not isinstance(iterable, int) or not iterable:
            return False
        info = self.info(iterable)
        return info.get("a") == "columns" or info.get("m") in ("keys", "column_names")

    def key_filter(self, test: cst.BaseExpression, key_name: str, info: dict[str, Any]) -> None:
        """`k != "id"`, `k not in (...)`, `k in (...)` over a mapping's keys: which keys survive."""
        if not (isinstance(test, cst.Comparison) and isinstance(test.left, cst.Name)
                and test.left.value == key_name and len(test.comparisons) == 1):
            info["only"] = ["?"]  # some other condition on the key: cannot tell which survive
            return
        target = test.comparisons[0]
        value = self.literal(self.value(target.comparator))
        keys = [value] if isinstance(value, str) else list(value) if isinstance(value, tuple) else None
        if keys is None and isinstance(target.operator, cst.NotIn) and isinstance(target.comparator, (cst.Tuple, cst.List, cst.Set)):
            # `c not in ("id", "churned", *CAT_COLS)`: the names written out, and "?" for the ones not known
            known = [string_value(e.value) for e in target.comparator.elements]
            keys = [k for k in known if isinstance(k, str)] + ["?"]
        if keys is None:
            info["only"] = ["?"]
        elif isinstance(target.operator, (cst.NotEqual, cst.NotIn, cst.IsNot)):
            info.setdefault("except", []).extend(keys)
        else:
            info["only"] = keys

    def enumerated_split(self, it: int) -> int:
        """The split node of `enumerate(kf.split(X))`, else 0."""
        if not it or self.kinds[it] != "call" or plain(self.info(it).get("fn") or "") != "builtins.enumerate":
            return 0
        args = [a for a in self.inputs[it] if a]
        return args[0] if args and self.kinds[args[0]] == "split" else 0

    def bind_loop_target(self, target: cst.BaseExpression, iterable: Value, where: cst.CSTNode,
                         loop: int) -> str:
        """Bind a `for` target to elements of `iterable`; returns the key variable of `.items()`."""
        it = iterable if isinstance(iterable, int) else 0
        if it and self.kinds[it] == "split":
            self.bind(target, it, where)
            return ""
        over, method, args = it, "", ()
        if it and self.kinds[it] == "call":
            method = self.info(it).get("m", "") or plain(self.info(it).get("fn") or "").rsplit(".", 1)[-1]
            args = self.inputs[it][1:] if method in ("enumerate", "zip") and not self.inputs[it][0] else self.inputs[it]
            if method in ("items", "iterrows", "enumerate", "zip", "itertuples") and args:
                over = args[0]  # the receiver of `.items()`, the first argument of `enumerate(loader)`
        if isinstance(target, (cst.Tuple, cst.List)) and method in ("items", "iterrows", "enumerate"):
            elements = [e.value for e in target.elements]
            if len(elements) == 2 and method == "enumerate" and over and self.kinds[over] == "split":
                # `for fold, (tr, te) in enumerate(kf.split(X))`: the counter, then the split's parts
                self.bind(elements[0], 0, where)
                self.bind(elements[1], over, where)
                return ""
            if len(elements) == 2:
                key = self.add("elem", (over,), {"index": 0, "key": 1, "loop": loop}, where)
                value = self.add("elem", (over,), {"index": 1, "loop": loop}, where)
                self.bind(elements[0], key, where)
                self.bind(elements[1], value, where)
                return elements[0].value if isinstance(elements[0], cst.Name) and method == "items" else ""
        if isinstance(target, (cst.Tuple, cst.List)) and method == "zip" and it:
            for index, element in enumerate(target.elements):
                source = args[index] if index < len(args) else it
                self.bind(element.value, self.add("elem", (source,), {"loop": loop}, where), where)
            return ""
        self.bind(target, self.add("elem", (it,), {"loop": loop}, where) if it else 0, where)
        return ""


def _joined_names(ev: Any, key: int) -> bool:
    """`df[NUMERIC + CATEGORICAL]` with lists imported from another module: columns chosen by
    names, not rows (row positions are arrays, never module constants)."""
    return (ev.kinds[key] == "op" and ev.info(key).get("op") == "Add"
            and all(i and ev.kinds[i] in ("global", "import", "const") for i in ev.inputs[key]))
