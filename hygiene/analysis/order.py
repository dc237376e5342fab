"""Values whose order is arbitrary, followed to the uses where order decides a result.

A rule mixes `OrderTracker` into its class and says what its *sources* are (`source(expr)`: a
directory listing, a set); the tracker follows them through one function (or the module body):
names bound to them, `list(...)`, comprehensions over them, concatenations, lists appended to in a
loop over them (not with a literal), functions of the same file that return them; sorting ends it.
It calls `sensitive(origin, use, description)` at the first use where the order decides: a slice
(`files[:n]`) or the last item (`files[-1]`; `files[0]` is "the one file there is"); a split or
positional draw (`train_test_split(files)`, `rng.shuffle(files)`), even seeded; an `enumerate`
index used other than as `i == 0`; `zip` with a list not derived from the value (nor plot colours);
a running count (`n += 1`) of a loop over it that a branch tests (`if n < n_train:`); `", ".join`. Not in an
error message, an assertion or a log line. Counting, summing, membership, name-keyed sets and dicts are no uses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from hygiene.analysis.names import dotted
from hygiene.analysis.order_syntax import (_counters, _holds_no_name, _texty, _first_only, _pairs_only, _first_target, _in_message, _is_slice, _last_index,
                                  _stores_only, _own_item_only, _lookup_in_same, _names_in, _only_messages, _range_of_len, _reads_position, _short, _uses_name,
                                  declaration_block, note_derived, order_names, report_rows)

# Calls that keep the order of their first argument in their result.
_ORDER_KEEPING = frozenset({
    "builtins.list", "builtins.tuple", "builtins.filter", "builtins.map", "builtins.reversed", "numpy.array", "numpy.asarray",
    "numpy.concatenate", "numpy.stack", "numpy.vstack", "numpy.hstack", "pandas.concat", "pandas.DataFrame",
    "pandas.Series", "torch.cat", "torch.stack", "torch.tensor", "itertools.chain", "itertools.islice"})
_SORTING = frozenset({"builtins.sorted", "natsort.natsorted", "numpy.sort", "numpy.unique"})
# Splits and positional draws: the result depends on which item sits where.
_SPLITS = frozenset({"sklearn.model_selection.train_test_split", "torch.utils.data.random_split",
                     "torch.utils.data.dataset.random_split", "numpy.array_split", "numpy.split"})
_POSITIONAL_DRAWS = frozenset({"shuffle", "sample", "choice", "choices", "permutation"})


@dataclass
class Origin:
    node: cst.Call | cst.BaseExpression
    what: str  # how the message names it: "glob.glob(...)"
    # The qualified name of a function of another file whose result this is, when a rule follows
    # values that may come from such a function (its repo phase then knows what it returns).
    callee: str = ""


class OrderTracker:
    """Mixin for a Rule: per-scope bindings of names to the arbitrary-order value they hold."""

    # Whether taking one item by a constant index (`files[0]`) is a use of the order. For a set it
    # is mostly the idiom for "the only element" (`list(s)[0]` after checking `len(s) == 1`).
    order_index_uses = True

    def source(self, expr: cst.BaseExpression) -> Origin | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def sensitive(self, origin: Origin, use: cst.CSTNode, description: str) -> None:  # pragma: no cover
        raise NotImplementedError

    # -- state ----------------------------------------------------------------------------------
    def _frames(self) -> list[dict[str, Origin]]:
        frames = self.__dict__.get("_order_frames")
        if frames is None:
            frames = self.__dict__["_order_frames"] = [{}]
            self.__dict__["_order_loops"] = []
            self.__dict__["_order_returns"] = {}
            self.__dict__["_order_reported"] = set()
            self.__dict__["_order_functions"] = []
        return frames

    def _bind(self, target: cst.BaseExpression, origin: Origin | None) -> None:
        key = dotted(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
        if key is None:  # `names, scores = zip(*sorted(...))`: each name now holds the sorted order
            for element in target.elements if isinstance(target, (cst.Tuple, cst.List)) and origin is None else ():
                self._bind(element.value, None)
            return
        frame = self._frames()[-1]
        self.__dict__.setdefault("_order_level", {})[(id(frame), key)] = len(self.__dict__["_order_loops"])  # (loops deep)
        if origin is None:
            frame.pop(key, None)
        else:
            frame[key] = origin

    def unordered(self, expr: cst.BaseExpression) -> Origin | None:
        """The arbitrary-order value `expr` holds, if any."""
        found = self.source(expr)
        if found is not None:
            return found
        if isinstance(expr, (cst.Name, cst.Attribute)):
            key = dotted(expr)
            return self._frames()[-1].get(key) if key else None
        if isinstance(expr, cst.Call):
            name = self.qualified_name(expr.func)  # type: ignore[attr-defined]
            if name in _SORTING:
                return None
            positional = [a.value for a in expr.args if a.keyword is None and not a.star]
            if name in _ORDER_KEEPING and positional:
                index = 1 if name in ("builtins.filter", "builtins.map") and len(positional) > 1 else 0
                return self.unordered(positional[index])
            returns = self.__dict__.get("_order_returns", {})
            if isinstance(expr.func, cst.Name) and expr.func.value in returns:
                return returns[expr.func.value]
            if isinstance(expr.func, cst.Attribute) and isinstance(expr.func.value, cst.Name) \
                    and expr.func.value.value == "self" and expr.func.attr.value in returns:
                return returns[expr.func.attr.value]  # a method of the same class, defined above
            return None
        if isinstance(expr, (cst.ListComp, cst.GeneratorExp)):
            return self.unordered(expr.for_in.iter)
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            return self.unordered(expr.left) or self.unordered(expr.right)
        if isinstance(expr, cst.Subscript) and _is_slice(expr):
            return self.unordered(expr.value)
        return None

    def _report(self, origin: Origin, use: cst.CSTNode, description: str) -> None:
        self._frames()
        if _in_message(parents := self.ctx.parents) or (isinstance(use, cst.Subscript) and isinstance(parents[-1], cst.Expr) and parents[-1].value is use):  # type: ignore[attr-defined]
            return  # an error message, a log line, or `files[:5]` shown as a cell's output decides nothing
        reported: set[int] = self.__dict__["_order_reported"]
        if id(origin.node) in reported:
            return
        reported.add(id(origin.node))
        ctx = self.ctx  # type: ignore[attr-defined]
        code = ""
        if isinstance(use, cst.Subscript):
            code = " ".join(ctx.code(use.slice[0]).split())
        self.sensitive(origin, use, description.format(line=ctx.line_of(use), code=code))

    # -- scopes ---------------------------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._frames().append({})
        self.__dict__["_order_functions"].append(node.name.value)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._frames().pop()
        self.__dict__["_order_functions"].pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """A class at module level: its methods' returns are exported as `Class.method`."""
        self._frames()
        classes = self.__dict__.setdefault("_order_classes", [])
        classes.append(node.name.value if not self.__dict__["_order_functions"] and not classes else None)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.__dict__["_order_classes"].pop()

    def _export(self, origin: Origin) -> None:
        """A function of the module (or a method of a class of the module) returns `origin`."""
        functions = self.__dict__.get("_order_functions") or []
        classes = self.__dict__.get("_order_classes") or []
        if len(functions) != 1 or (classes and classes[-1] is None) or len(classes) > 1:
            return
        name = f"{classes[0]}.{functions[0]}" if classes else functions[0]
        self.__dict__.setdefault("_order_exports", {})[name] = origin

    def visit_Return(self, node: cst.Return) -> None:
        functions = self.__dict__.get("_order_functions") or []
        if node.value is not None and functions:
            origin = self.unordered(node.value)
            if origin is not None and not origin.callee:
                self.__dict__["_order_returns"][functions[-1]] = origin
                self._export(origin)

    def visit_Yield(self, node: cst.Yield) -> None:
        """A generator yielding the items of a loop over the value (or `yield from` it) returns it."""
        functions = self.__dict__.get("_order_functions") or []
        if not functions:
            return
        if isinstance(node.value, cst.From):
            origin = self.unordered(node.value.item)
        else:
            origin = self._loop_origin() if node.value is not None else None
        if origin is not None and not origin.callee:
            self.__dict__["_order_returns"][functions[-1]] = origin
            self._export(origin)

    # -- bindings -------------------------------------------------------------------------------
    def leave_Assign(self, node: cst.Assign) -> None:
        origin = self.unordered(node.value)
        for target in node.targets:
            self._bind(target.target, origin)
            if isinstance(target.target, cst.Name):  # what the value was computed from (`_derived`)
                self.__dict__.setdefault("_order_from", {})[target.target.value] = node.value
                if isinstance(node.value, cst.Name):  # `labels = words`: the same list
                    self.__dict__.setdefault("_order_alias", {})[target.target.value] = node.value.value

    def _derived(self, mentions: set[str | None]) -> set[str | None]:
        """`mentions` with the names their last assignments were computed from, a few steps back
        (`T = tsne.fit_transform(np.array([vec(w) for w in words]))` is derived from `words`)."""
        computed, more = self.__dict__.get("_order_from", {}), self.__dict__.get("_order_more", {})
        found, todo = set(mentions), list(mentions)
        for _ in range(64):
            if not todo:
                break
            key = todo.pop() or ""  # its assignment, and what was appended to it or what a loop over it gave
            for name in {dotted(n) for v in [computed.get(key), *more.get(key, ())] if v for n in order_names(v)} - {None}:
                if name not in found:
                    found.add(name)
                    todo.append(name)
        return found

    def leave_AugAssign(self, node: cst.AugAssign) -> None:
        origin = self.unordered(node.value) or self._loop_origin()
        if origin is not None and isinstance(node.operator, cst.AddAssign):
            self._bind(node.target, origin)
            if _texty(node.value):  # `text += " {} , ".format(x)`: a slice of it trims characters, keeps every item
                self.__dict__.setdefault("_order_texts", set()).add(dotted(node.target))

    def _made_in_loop(self, target: cst.BaseExpression) -> bool:
        """`todo = []` in the loop over the listing, then `todo.append(i)`: made anew per item (held-out set 30)."""
        loops, level = self.__dict__["_order_loops"], self.__dict__.get("_order_level", {}).get((id(self._frames()[-1]), dotted(target)))
        return level is not None and level > max((k for k, o in enumerate(loops) if o is not None), default=level)

    def _loop_origin(self) -> Origin | None:
        self._frames()
        loops = self.__dict__["_order_loops"]
        return next((o for o in reversed(loops) if o is not None), None)

    def visit_For(self, node: cst.For) -> None:
        self._frames()
        origin = self.unordered(node.iter)
        if origin is None:
            origin = self._walk_origin(node)
        self.__dict__["_order_loops"].append(origin)
        note_derived(self.__dict__.setdefault("_order_more", {}), node.target, node.iter)
        if origin is not None and self.source(origin.node) is not None:  # (the rule's own kind of value)
            counters = self.__dict__.setdefault("_order_counters", {})
            for name in _counters(node.body):
                counters[name] = origin
        call = node.iter
        if isinstance(call, cst.Call) and self.qualified_name(call.func) == "builtins.enumerate" and call.args:  # type: ignore[attr-defined]
            inner = self.unordered(call.args[0].value)
            index = _first_target(node.target)
            # The loop's code only for a loop over an arbitrary order (generating every loop's cost 0.2%).
            body = self.ctx.code(node.body) if inner is not None and index is not None else ""  # type: ignore
            if inner is not None and index is not None and _pairs_only(body, index):
                # `for b in xs[i + 1:]` inside: every pair once, the rest of the list is no subset
                self.__dict__.setdefault("_pair_indices", set()).add(index)
            if inner is not None and index is not None and _uses_name(node.body, index) and not any(f(body, index) for f in (
                    _first_only, _pairs_only, _stores_only)) and not _own_item_only(body, index, self.ctx.code(call.args[0].value)):  # type: ignore
                self._report(inner, call, f"its positions become `{index}` in the loop at line {{line}}")
        self._range_index(node)

    def _range_index(self, node: cst.For) -> None:
        """`for k in range(len(files)):` with `k` used other than as an index (`k % 5`, `k < n_train`)."""
        listed = _range_of_len(node)
        origin = self.unordered(listed) if listed is not None else None
        if origin is not None and _reads_position(node.body, node.target.value):  # type: ignore[attr-defined]
            self._report(origin, node.iter, f"its positions become `{node.target.value}` in the loop at line {{line}}")  # type: ignore[attr-defined]

    def leave_For(self, node: cst.For) -> None:
        self.__dict__["_order_loops"].pop()
        self.__dict__.get("_pair_indices", set()).discard(_first_target(node.target) or "")
        if not any(o is not None for o in self.__dict__["_order_loops"]):
            self.__dict__.pop("_order_counters", None)

    def visit_If(self, node: cst.If) -> None:
        """`if n < n_train:` on a running count `n += 1` of a loop over the value: positions decide."""
        counters = self.__dict__.get("_order_counters")
        if not counters or (isinstance(node, cst.If) and _only_messages(node.body)):
            return  # `if done % 100 == 0: print(...)`: progress, not a branch that decides
        for name in _names_in(node.test):
            origin = counters.get(dotted(name) or "")
            if origin is not None:
                self._report(origin, node.test, f"a running count `{dotted(name)}` of its items decides the branch at line {{line}}")
                return

    visit_IfExp = visit_If  # `"train" if n < n_train else "val"`

    def _walk_origin(self, node: cst.For) -> Origin | None:
        """`for root, dirs, files in os.walk(d)`: `dirs` and `files` come in directory order."""
        if isinstance(node.iter, cst.Call) and self.qualified_name(node.iter.func) == "os.walk" \
                and isinstance(node.target, cst.Tuple) and len(node.target.elements) == 3:  # type: ignore[attr-defined]
            origin = Origin(node.iter, "os.walk(...)")
            for element in node.target.elements[1:]:
                self._bind(element.value, origin)
        return None

    # -- uses -----------------------------------------------------------------------------------
    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) != 1:
            return
        origin = self.unordered(node.value)
        if origin is None:
            return
        part = node.slice[0].slice
        if isinstance(part, cst.Slice) and part.upper is None and part.lower is not None:
            names = {n.value for n in _names_in(part.lower) if isinstance(n, cst.Name)}
            if names and names <= self.__dict__.get("_pair_indices", set()):
                return
        if isinstance(part, cst.Slice) and (part.lower is not None or part.upper is not None) \
                and dotted(node.value) not in self.__dict__.get("_order_texts", ()):
            self._report(origin, node, "only the items `[{code}]` are kept (line {line})")
        elif isinstance(part, cst.Index) and _last_index(part.value) and self.order_index_uses \
                and dotted(node.value) not in self.__dict__.get("_order_singletons", set()):
            self._report(origin, node, "item `[{code}]` is taken as if the list were sorted (line {line})")

    def visit_Comparison(self, node: cst.Comparison) -> None:
        """`len(files) == 1` (`!= 1`, `> 1`, `<= 1`): the list is checked to hold one item.
        (`len(files) == 0` checks only that there is some file: `files[-1]` is still "the latest".)"""
        left = node.left
        if isinstance(left, cst.Call) and isinstance(left.func, cst.Name) and left.func.value == "len" \
                and left.args and isinstance(left.args[0].value, (cst.Name, cst.Attribute)) \
                and any(isinstance(c.comparator, cst.Integer) and c.comparator.value == "1"
                        and isinstance(c.operator, _ONE_ITEM_TESTS) for c in node.comparisons):
            self._frames()
            self.__dict__.setdefault("_order_singletons", set()).add(dotted(left.args[0].value))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = self.qualified_name(func)  # type: ignore[attr-defined]
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if isinstance(func, cst.Attribute) and isinstance(func.value, (cst.Name, cst.Attribute)):
            method = func.attr.value
            if method in ("append", "extend") and positional:  # `xs.append(v)`: xs is made of v
                note_derived(self.__dict__.setdefault("_order_more", {}), func.value, positional[0])
            if method in ("append", "extend", "insert") and self._loop_origin() is not None \
                    and not (positional and _holds_no_name(positional[-1])):  # (`rows.append({})`: nothing of the listing)
                if not self._made_in_loop(func.value):
                    self._bind(func.value, self._loop_origin())
                return
            if method == "sort" and not positional:
                self._bind(func.value, None)
                return
            if method == "index" and len(positional) == 1 and not _lookup_in_same(self.ctx.parents, func.value):  # type: ignore[attr-defined]
                # `classes.index(label)`: its positions become ids
                origin = self.unordered(func.value)
                if origin is not None:
                    self._report(origin, node, "its positions become ids (`.index(...)`, line {line})")
                    return
        if isinstance(func, cst.Attribute) and func.attr.value == "join" and positional \
                and isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString)):
            origin = self.unordered(positional[0])
            if origin is not None and not declaration_block(self.ctx.parents, node, self.ctx.code) \
                    and not report_rows(self.ctx.parents, node, self.__dict__.get("_order_more", {})):  # type: ignore[attr-defined]
                self._report(origin, node, "it is joined into one text in that order (line {line})")
            return
        if not positional:
            return
        tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if name in _SPLITS or (name or "").endswith("train_test_split"):
            for arg in positional:
                origin = self.unordered(arg)
                if origin is not None:
                    self._report(origin, node, f"`{tail}` splits it by position (line {{line}})")
                    return
        elif tail in _POSITIONAL_DRAWS:
            origin = self.unordered(positional[0])
            if origin is not None:
                self._report(origin, node, f"`{tail}` draws from it by position, so even a seeded draw picks different items (line {{line}})")
        elif name == "builtins.zip" and len(positional) > 1:
            self._zip(node, positional)
        elif name == "builtins.enumerate":
            self._enumerate_in_comprehension(node, positional[0])

    def _zip(self, node: cst.Call, positional: list[cst.BaseExpression]) -> None:
        origins = [self.unordered(arg) for arg in positional]
        first = next((o for o in origins if o is not None), None)
        if first is None:
            return
        names = {dotted(arg) for arg, o in zip(positional, origins) if o is not None}
        aliases = self.__dict__.get("_order_alias", {})
        for name in list(names):
            for _ in range(8):
                name = aliases.get(name or "")
                if name is None:
                    break
                names.add(name)
        for arg, origin in zip(positional, origins):
            if origin is not None:
                continue
            if isinstance(arg, cst.Call) and self.qualified_name(arg.func) in ("itertools.repeat",):  # type: ignore[attr-defined]
                continue
            mentions = {dotted(n) for n in _names_in(arg)}
            if names & self._derived(mentions):
                continue  # derived from the same value: its order follows
            if any(_STYLE_WORDS & set(re.findall(r"[a-z]+", (m or "").lower())) for m in mentions):
                continue  # colours or markers of a plot: which series gets which colour decides nothing
            self._report(first, node, f"`zip` pairs it by position with `{_short(arg)}` (line {{line}})")
            return

    def _enumerate_in_comprehension(self, node: cst.Call, arg: cst.BaseExpression) -> None:
        origin = self.unordered(arg)
        if origin is None:
            return
        parents = self.ctx.parents  # type: ignore[attr-defined]
        if not parents or not isinstance(parents[-1], cst.CompFor) or parents[-1].iter is not node:
            return
        comp_for = parents[-1]
        index = _first_target(comp_for.target)
        owner = parents[-2] if len(parents) > 1 else None
        if index is None or owner is None:
            return
        parts = [getattr(owner, f, None) for f in ("elt", "key", "value")] + list(comp_for.ifs)
        if any(p is not None and _uses_name(p, index) for p in parts):
            self._report(origin, node, f"its positions become `{index}` (line {{line}})")


_ONE_ITEM_TESTS = (cst.Equal, cst.NotEqual, cst.GreaterThan, cst.LessThanEqual)
_STYLE_WORDS = frozenset("color colors colour colours palette cmap marker markers linestyle styles".split())
