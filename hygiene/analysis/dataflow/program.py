"""The repo phase of the dataflow layer: every file's graph linked into one program.

A node of the program is a `Ref`, an int packing (file index, node id). `Program` resolves what
the per-file graphs leave open: a call to a function of the repo (in the same file or another:
`from features import preprocess`) links the call's arguments to the function's parameters and
its returns to the call's value; a module-level name read inside a function, an imported value,
and `self.<attr>` link to where they are bound. On top of that, `back()` and `forward()` walk the
values a value was derived from, or the values derived from it, across functions and files,
with a small call stack so that a function called twice does not mix its callers. Rules get the
program from `program(repo)`, built once per scan and shared by every rule.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from hygiene.analysis.apis import plain
from hygiene.analysis.dataflow.graph import (FUNC, GUARD, INFO, INPUTS, KIND, LINE, MASK, ROW_INPUTS, SHIFT, Graph, Ref,
                                             ref_of, reverse_edges)
from hygiene.analysis.dataflow.callsites import resolve
from hygiene.analysis.dataflow.instances import element_method, instance_attribute
from hygiene.analysis.dataflow.linking import Linked, Source

Stack = tuple[Ref, ...]
MAX_STACK = 6
MAX_CALLERS = 16
MAX_VISITS = 20_000
_UNRESOLVED: tuple[None, tuple[str, ...]] = (None, ())
_CURVES = frozenset({"precision_recall_curve", "roc_curve", "det_curve"})


class Program(Linked):
    def __init__(self, graphs: list[Graph] | None = None, source: Source | None = None) -> None:
        self._link(source if source is not None else Source.of(graphs or []))
        self._users: dict[int, tuple[Any, Any]] = {}  # per file: offsets and users (`reverse_edges`)
        self._resolved: dict[Ref, tuple[tuple[int, int] | None, tuple[str, ...]]] = {}
        self._by_name: dict[Any, tuple[tuple[int, int] | None, tuple[str, ...]]] = {}  # name, or (package, name)
        self._guarded: dict[int, dict[int, list[int]]] = {}

    def release(self) -> None:
        super().release()
        for held in (self._users, self._resolved, self._by_name, self._guarded):
            held.clear()

    def _forget(self, file: int) -> None:
        super()._forget(file)
        self._users.pop(file, None)
        self._guarded.pop(file, None)

    # -- nodes ------------------------------------------------------------------------------------
    def row(self, ref: Ref) -> tuple[Any, ...]:
        try:
            return self._run[ref >> SHIFT].nodes[ref & MASK]  # type: ignore[union-attr]
        except AttributeError:  # not read yet in this run: decoded (once) and recorded
            return self.graph(ref >> SHIFT).nodes[ref & MASK]

    def set_info(self, ref: Ref, info: dict[str, Any]) -> None:  # rows and info dicts are read only
        row = self.row(ref)
        self.graph(ref >> SHIFT).nodes[ref & MASK] = (*row[:INFO], info, *row[INFO + 1:])

    def kind(self, ref: Ref) -> str:
        return self.row(ref)[KIND]

    def info(self, ref: Ref) -> dict[str, Any]:
        return self.row(ref)[INFO]

    def line(self, ref: Ref) -> int:
        return self.row(ref)[LINE]

    def guard(self, ref: Ref) -> Ref:
        value = self.row(ref)[GUARD]
        return ref_of(ref >> SHIFT, value) if value else 0

    def function_of(self, ref: Ref) -> tuple[int, int]:
        return ref >> SHIFT, self.row(ref)[FUNC]

    def inputs(self, ref: Ref) -> list[Ref]:
        base = (ref >> SHIFT) << SHIFT
        return [base | i if i else 0 for i in self.row(ref)[INPUTS]]

    def input(self, ref: Ref, index: int) -> Ref:
        ids = self.row(ref)[INPUTS]
        return ((ref >> SHIFT) << SHIFT) | ids[index] if index < len(ids) and ids[index] else 0

    def path(self, ref: Ref) -> str:
        return self.paths[ref >> SHIFT]

    def where(self, ref: Ref) -> dict[str, Any]:
        """Keyword arguments locating `ref` for `RepoContext.report`."""
        graph = self.graph(ref >> SHIFT)
        line = self.line(ref)
        found: dict[str, Any] = {"path": graph.path, "line": line or None}
        if line in graph.cells:
            found["cell"], found["cell_line"] = graph.cells[line]
        return found

    def describe(self, ref: Ref) -> str:
        """`train.py:34`, or `prices.ipynb cell 2, line 3`."""
        place = self.where(ref)
        if "cell" in place:
            return f"{place['path']} cell {place['cell']}, line {place['cell_line']}"
        return f"{place['path']}:{place['line']}"

    # -- users (reverse edges) --------------------------------------------------------------------
    def users(self, ref: Ref) -> list[Ref]:
        file = ref >> SHIFT
        nodes = self.graph(file).nodes
        table = self._users.get(file)
        if table is None:
            table = self._users[file] = reverse_edges(nodes)
        offsets, users = table
        number = ref & MASK
        base = file << SHIFT
        return [base | u for u in users[offsets[number]:offsets[number + 1]]]

    # -- calls ------------------------------------------------------------------------------------
    def callee(self, ref: Ref) -> tuple[int, int] | None:
        """The repo function a `call` node calls, as (file, function index), or None."""
        hit = self._resolved.get(ref)
        if hit is not None:
            if self._run[ref >> SHIFT] is None:
                self.graph(ref >> SHIFT)
            self.trace.names.update(hit[1])
            return hit[0]
        found, names = None, ()
        name = self.info(ref).get("fn") or (self.kind(ref) == "call" and element_method(self, ref))
        if name and self.kind(ref) == "call":
            bare = plain(name)
            shared = self._by_name.get(bare)  # one (callee, names) per name: held once, not per call
            if shared is None:
                found = resolve(self.functions, bare)
                # its resolution also depends on `{bare}.__call__` (startphase counts it)
                shared = self._by_name[bare] = (found, (bare,))
            found, names = shared
            package = self.source.ifaces[ref >> SHIFT]["m"].rpartition(".")[0]
            if found is None and package and bare.split(".", 1)[0] not in self.modules:
                # `from h5_query import f`: a function of a module next to the importing file
                # (held once per package and name, like `shared`: most calls are to libraries)
                local = self._by_name.get((package, bare))
                if local is None:
                    name_here = f"{package}.{bare}"
                    local = self._by_name[(package, bare)] = (dict.get(self.functions, name_here), (bare, name_here))
                shared = local
                found, names = shared
            self._resolved[ref] = shared
        else:
            self._resolved[ref] = _UNRESOLVED
        self.trace.names.update(names)
        return found

    def function(self, key: tuple[int, int]):
        return self.graph(key[0]).functions[key[1]]

    def argument(self, call: Ref, key: tuple[int, int], param: Ref) -> Ref:
        """The input of `call` that fills parameter `param` of function `key` (0 when none)."""
        owned = bool(self.function(key).owner)
        info = self.info(param)
        return self.argument_at(call, owned, info.get("name"), info.get("index", -1))

    def passed(self, call: Ref, key: tuple[int, int], param: Ref) -> bool:
        """Whether `call` gives parameter `param` a value (a literal included), so its default is unused."""
        info, kw = self.info(param), self.info(call).get("kw", {})
        index = info.get("index", -1)
        position = index if (self.function(key).owner and self.info(call).get("m")) else index + 1
        return info.get("name") in kw or (0 <= index and position < len(self.row(call)[INPUTS]) - len(kw))

    # -- bindings -----------------------------------------------------------------------------------
    def bound(self, ref: Ref) -> list[Ref]:
        """What a `global`, `import` or `selfattr` node stands for."""
        kind = self.kind(ref)
        info = self.info(ref)
        file = ref >> SHIFT
        if kind == "global":
            found = self.graph(file).bindings.get(info.get("name", ""))
            return [ref_of(file, found)] if found else []
        if kind == "selfattr":
            found = self.graph(file).attributes.get(info.get("cls", ""), {}).get(info.get("attr", ""), [])
            return [ref_of(file, n) for n in found]
        if kind == "import":
            module, _, name = info.get("qn", "").rpartition(".")
            target = self.modules.get(module)
            if target is None:
                return []
            found = self.graph(target).bindings.get(name)
            return [ref_of(target, found)] if found else []
        return []

    # -- walking ------------------------------------------------------------------------------------
    def back_step(self, ref: Ref, stack: Stack, rows: bool) -> list[tuple[Ref, Stack]]:
        """The values `ref` was computed from (with `rows`: only those whose rows it holds)."""
        kind = self.kind(ref)
        if kind == "call":
            target = self.callee(ref)
            if target is not None and len(stack) < MAX_STACK:
                returns = self.function(target).returns
                pushed = (*stack, ref)
                return [(ref_of(target[0], r), pushed) for r in returns]
        elif kind == "param":
            file, fn = self.function_of(ref)
            out: list[tuple[Ref, Stack]] = []
            default = self.input(ref, 0)
            if stack and self.callee(stack[-1]) == (file, fn):
                argument = self.argument(stack[-1], (file, fn), ref)
                if argument:
                    return [(argument, stack[:-1])]
                return [(default, stack[:-1])] if default and not self.passed(stack[-1], (file, fn), ref) else []
            callers = self.callers((file, fn), MAX_CALLERS)
            for call in callers:
                argument = self.argument(call, (file, fn), ref)
                if argument:
                    out.append((argument, ()))
            if default and not (callers and all(self.passed(c, (file, fn), ref) for c in callers)):
                out.append((default, stack))
            return out
        elif kind == "elem" and "index" in self.info(ref) and not self.info(ref).get("key"):
            return self.element_sources(self.input(ref, 0), self.info(ref)["index"], stack)
        elif kind == "col" and (entry := self.dict_entry(ref)):
            return [(entry, stack)]
        elif kind in ("global", "import", "selfattr"):
            return [(r, stack) for r in self.bound(ref)]
        elif kind == "op" and (stored := instance_attribute(self, ref)):
            return [(r, stack) for r in stored]
        elif kind == "part":
            split = self.input(ref, 0)
            if not split:
                return []
            if not rows or self.kind(split) != "split":
                return [(split, stack)]
            # A part holds rows of one of the arrays split (the receiver, for `ds.train_test_split()`).
            arrays = self.inputs(split)
            index = self.info(ref).get("arr", 0)
            source = arrays[index] if index < len(arrays) else 0
            return [(source, stack)] if source else []
        positions = ROW_INPUTS.get(kind) if rows else None
        if rows and kind == "subset":
            positions = (0,)
        if rows and kind in ("col", "drop"):
            positions = (0,)
        if rows and kind == "setcol":
            positions = (0, 1)
        if rows and kind == "select":
            positions = ()
        ids = self.inputs(ref)
        if positions is not None:
            ids = [ids[p] for p in positions if p < len(ids)]
        return [(i, stack) for i in ids if i]

    def dict_entry(self, ref: Ref) -> Ref:
        """`splits["fit"]` of a literal `splits = {"fit": a, "heldout": b}`: `a` (else 0)."""
        cols, container = self.info(ref).get("cols"), self.input(ref, 0)
        keys, values = self.info(container).get("keys") if container else None, self.inputs(container) if container else []
        if not cols or len(cols) != 1 or not container or self.kind(container) != "op" or self.info(container).get("op") != "dict" \
                or not keys or len(keys) != len(values) or cols[0] not in keys:
            return 0
        return values[keys.index(cols[0])]

    def element_sources(self, container: Ref, index: int, stack: Stack, depth: int = 0) -> list[tuple[Ref, Stack]]:
        """Where element `index` of `container` comes from, through tuples built or returned."""
        if not container:
            return []
        if depth > 12:
            return [(container, stack)]
        kind = self.kind(container)
        if kind == "op" and self.info(container).get("op") == "tuple":
            ids = self.inputs(container)
            return [(ids[index], stack)] if -len(ids) <= index < len(ids) and ids[index] else []
        if kind == "metric" and self.info(container).get("metric") in _CURVES and index in (2, -1):
            # `precision, recall, thresholds = precision_recall_curve(y, scores)`: the thresholds
            # are the scores' own values, not a measure against the labels
            scores = self.input(container, 1)
            return [(scores, stack)] if scores else []
        if kind == "op" and self.info(container).get("op") == "append":
            # `results.append(evaluate(clf))` then `results[1][5]`: an element is one of the values
            # appended (or of the list before), and the index goes on into that value.
            older, *added = self.inputs(container)
            found = [(a, stack) for a in added if a]
            if older and not (self.kind(older) == "op" and self.info(older).get("op") == "tuple"
                              and not self.inputs(older)):
                found.extend(self.element_sources(older, index, stack, depth + 1))
            return found
        if kind == "elem" and "index" in self.info(container) and not self.info(container).get("key") \
                and len(stack) < MAX_STACK:
            outer: list[tuple[Ref, Stack]] = []
            for source, there in self.element_sources(self.input(container, 0), self.info(container)["index"], stack, depth + 1):
                if source == container:
                    return [(container, stack)]
                outer.extend(self.element_sources(source, index, there, depth + 1))
            return outer
        if kind == "call" and self.callee(container) is not None and len(stack) < MAX_STACK:
            target = self.callee(container)
            pushed = (*stack, container)
            out: list[tuple[Ref, Stack]] = []
            for returned in self.function(target).returns:
                out.extend(self.element_sources(ref_of(target[0], returned), index, pushed, depth + 1) or [])
            return out
        return [(container, stack)]

    def trace_back(self, starts: list[tuple[Ref, Stack]], *, rows: bool = False,
                   stop: Callable[[Ref], bool] | None = None, limit: int = MAX_VISITS
                   ) -> Iterator[tuple[Ref, Stack, Ref]]:
        """(value, call stack, the value it was reached from) for everything `starts` derive from,
        breadth first. `stop(ref)` ends the walk at `ref` (it is yielded, its inputs are not)."""
        queue: deque[tuple[Ref, Stack, Ref]] = deque((r, s, 0) for r, s in starts if r)
        seen: set[tuple[Ref, Stack]] = set()
        while queue and len(seen) < limit:
            ref, stack, parent = queue.popleft()
            if (ref, stack) in seen:
                continue
            seen.add((ref, stack))
            yield ref, stack, parent
            if stop is not None and stop(ref):
                continue
            for nxt, nstack in self.back_step(ref, stack, rows):
                queue.append((nxt, nstack, ref))

    def back(self, starts: list[Ref], *, rows: bool = False, stop: Callable[[Ref], bool] | None = None,
             limit: int = MAX_VISITS) -> dict[Ref, Ref]:
        """Every value the `starts` were derived from: {ref: the ref it was first reached from}."""
        parents: dict[Ref, Ref] = {}
        for ref, _, parent in self.trace_back([(s, ()) for s in starts], rows=rows, stop=stop, limit=limit):
            parents.setdefault(ref, parent)
        return parents

    def guarded(self, guard: Ref) -> list[Ref]:
        """The nodes directly under the `guard` node (in its `if` body)."""
        file = guard >> SHIFT
        nodes = self.graph(file).nodes
        table = self._guarded.get(file)
        if table is None:
            table = {}
            for number, node in enumerate(nodes):
                if node[GUARD]:
                    table.setdefault(node[GUARD], []).append(number)
            self._guarded[file] = table
        base = file << SHIFT
        return [base | n for n in table.get(guard & MASK, [])]

    def forward_step(self, ref: Ref, stack: Stack) -> list[tuple[Ref, Stack]]:
        """The values computed from `ref`, into called functions and back to callers."""
        out: list[tuple[Ref, Stack]] = []
        file = ref >> SHIFT
        for user in self.users(ref):
            kind = self.kind(user)
            if kind == "call" and self.callee(user) is not None and len(stack) < MAX_STACK:
                target = self.callee(user)
                function = self.function(target)
                for param in function.params:
                    param_ref = ref_of(target[0], param)
                    if self.argument(user, target, param_ref) == ref:
                        out.append((param_ref, (*stack, user)))
            out.append((user, stack))
        number = ref & MASK
        fn = self.row(ref)[FUNC]
        if fn:
            key = (file, fn)
            if number in self.function(key).returns:
                if stack and self.callee(stack[-1]) == key:
                    out.append((stack[-1], stack[:-1]))
                else:
                    out.extend((call, ()) for call in self.callers(key, MAX_CALLERS))
        return out

    def forward(self, starts: list[Ref], *, stop: Callable[[Ref], bool] | None = None,
                limit: int = MAX_VISITS) -> dict[Ref, Ref]:
        parents: dict[Ref, Ref] = {}
        queue: deque[tuple[Ref, Stack]] = deque((s, ()) for s in starts if s)
        for start in starts:
            parents.setdefault(start, 0)
        seen: set[tuple[Ref, Stack]] = set()
        while queue and len(seen) < limit:
            ref, stack = queue.popleft()
            if (ref, stack) in seen:
                continue
            seen.add((ref, stack))
            if stop is not None and stop(ref):
                continue
            for nxt, nstack in self.forward_step(ref, stack):
                if nxt not in parents:
                    parents[nxt] = ref
                queue.append((nxt, nstack))
        return parents


def chain(parents: dict[Ref, Ref], ref: Ref) -> list[Ref]:
    """The path from a start to `ref` in the result of `back()` / `forward()`, start first."""
    path = [ref]
    while parents.get(path[-1]):
        path.append(parents[path[-1]])
        if len(path) > 10_000:
            break
    return path[::-1]


def program(repo: Any) -> Program:
    """The program of a scan, built once and shared by all rules: the files' interfaces (from
    `repo.dataflow_interfaces`, what the last scan stored, when a file's digest is unchanged),
    each graph decoded when first read and its factories resolved then (`factories`)."""
    return repo.shared("dataflow", lambda: Program(source=Source.of_repo(repo, getattr(repo, "dataflow_interfaces", None))))

