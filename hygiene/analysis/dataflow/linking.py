"""The lazy side of the linked program (issue 12): per-file interfaces, graphs decoded on first
access, and a trace of what each rule run read.

A file's interface (its module, its functions' qualified names, the kinds of its nodes and the
names its calls call) is small and cached across scans, so the program's indexes (`functions`,
`modules`, the files calling a function, the files holding a kind of node) are built without
decoding any graph; a graph is decoded when a rule first reads one of its rows. While a rule
runs for one start file (`begin` / `end`), the program records what the run read: the files whose
graphs it touched, the function names it looked up, the functions whose callers it asked for and
the kinds of node it searched the whole program for; `hygiene.cache.startphase` replays a run while none changed.
"""
from __future__ import annotations

import os
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from hygiene.analysis.apis import plain
from hygiene.analysis.dataflow.callsites import CallSites
from hygiene.analysis.dataflow.graph import INFO, INPUTS, KIND, SHIFT, Graph, Ref

# How many graph nodes the decoded graphs not read by the running rule may hold together: beyond
# it the least recently read are dropped (with their indexes) and decoded again if read again, so
# the repository phase holds about this many nodes plus the running rule's, not every file's
# (issue 12: all of transformers' 2,912 graphs held 400 MB). Decoding is deterministic (the
# factories are resolved again), so what a rule reads does not depend on what was dropped.
GRAPH_BUDGET = int(os.environ.get("HYGIENE_GRAPH_BUDGET", "150000"))
# The table of values shared between graphs (`graph._compact`) is emptied past this many entries:
# it would keep the values of dropped graphs alive.
SHARED_LIMIT = 4 * GRAPH_BUDGET


class Trace:
    """What one rule run (or one file's factory resolution) read."""

    __slots__ = ("files", "names", "callers", "kinds", "memo")

    def __init__(self) -> None:
        self.files: set[int] = set()
        self.names: set[str] = set()
        self.callers: set[Ref] = set()
        self.kinds: set[str] = set()
        self.memo: dict[Any, Any] = {}  # this run's answers (`queries.role_via`), whose reads it holds

    def absorb(self, other: Trace) -> None:
        self.files |= other.files
        self.names |= other.names
        self.callers |= other.callers
        self.kinds |= other.kinds


def interface(graph: Graph) -> dict[str, Any]:
    """The facts of a file the program's indexes are built from (see the module docstring)."""
    kinds: set[str] = set()
    calls: set[str] = set()
    for row in graph.nodes:
        if not row or not isinstance(row[KIND], str):
            continue
        kinds.add(row[KIND])
        if row[KIND] == "call" and isinstance(row[INFO], dict) and row[INFO].get("fn"):
            calls.add(plain(row[INFO]["fn"]))
    # The call names as one string (names have no spaces): one object per file when stored.
    return {"m": graph.module, "f": [f.qualname for f in graph.functions], "k": sorted(kinds), "c": " ".join(sorted(calls)),
            "p": sided_parameters(graph)}


def sided_parameters(graph: Graph) -> list[list[Any]]:
    """[function number, 1 for a method, [[name, index], ...]] for each function having a parameter
    named for a truth and one named for a prediction (`def on_off_scores(pred, ground, ...)`), its
    parameters named for either side in order (`metric_sides`): what EVAL012 compares with a
    call's arguments, so that it decodes no callee's graph (issue 12)."""
    from hygiene.analysis.metric_sides import parameter_side

    found: list[list[Any]] = []
    for number, function in enumerate(graph.functions):
        if number == 0 or len(function.params) < 2:
            continue
        named: list[list[Any]] = []
        sides: set[str] = set()
        for param in function.params:
            info = graph.nodes[param][INFO] if 0 < param < len(graph.nodes) else None
            name = info.get("name") if isinstance(info, dict) else None
            where = parameter_side(name) if isinstance(name, str) and name else None
            if where is not None:
                named.append([name, info.get("index", -1)])
                sides.add(where)
        if len(sides) == 2:
            found.append([number, int(bool(function.owner)), named])
    return found


class Source:
    """The files of a program: their paths, dataflow-fact digests and interfaces, and how to
    decode one file's graph (`load`)."""

    def __init__(self, paths: list[str], digests: list[str], ifaces: list[dict[str, Any]],
                 load: Callable[[int, dict[Any, Any]], Graph]) -> None:
        self.paths, self.digests, self.ifaces, self.load = paths, digests, ifaces, load
        self.kinds = [frozenset(i["k"]) for i in ifaces]
        self.shared: dict[Any, Any] = {}  # values the graphs' rows share (`graph._compact`)

    @classmethod
    def of(cls, graphs: list[Graph]) -> Source:
        return cls([g.path for g in graphs], ["" for _ in graphs], [interface(g) for g in graphs],
                   lambda index, shared: graphs[index])

    @classmethod
    def of_repo(cls, repo: Any, known: dict[str, Any] | None) -> Source:
        """The files of a scan that have a dataflow graph; `known` maps a path to the [digest,
        interface] a previous scan stored, so that only changed files are decoded here."""
        if hasattr(repo, "_read"):
            repo._read("fact:dataflow")
        items = sorted((path, result) for path, result in repo.results.items() if "dataflow" in result.facts)
        paths = [path for path, _ in items]
        pending: dict[int, Graph] = {}  # the first graphs decoded, kept for their first read
        room = GRAPH_BUDGET
        digests, ifaces = [], []
        shared: dict[Any, Any] = {}

        def decode(index: int, table: dict[Any, Any]) -> Graph:
            path, result = items[index]
            return Graph.from_json(path, result.facts["dataflow"], table) or Graph(path, "")

        for index, (path, result) in enumerate(items):
            digest = (getattr(result, "fact_digests", None) or {}).get("dataflow", "")
            stored = (known or {}).get(path)
            if digest and isinstance(stored, list) and len(stored) == 2 and stored[0] == digest \
                    and isinstance(stored[1], dict) and isinstance(stored[1].get("c"), str) \
                    and isinstance(stored[1].get("p"), list):
                ifaces.append(stored[1])
            elif "dataflow_iface" in result.facts:  # written with the graph by the file phase
                ifaces.append(result.facts["dataflow_iface"])
            else:  # one graph decoded at a time; kept only while they fit the budget (issue 12)
                graph = decode(index, shared if room > 0 else {})
                ifaces.append(interface(graph))
                if room > 0:
                    pending[index] = graph
                    room -= len(graph.nodes)
            digests.append(digest)
        source = cls(paths, digests, ifaces, lambda index, table: pending.pop(index, None) or decode(index, table))
        source.shared = shared
        return source


class GraphView:
    """`prog.graphs[i]`: the graph of file i, decoded on first access."""

    def __init__(self, prog: Linked) -> None:
        self._prog = prog

    def __getitem__(self, file: int) -> Graph:
        return self._prog.graph(file)

    def __len__(self) -> int:
        return len(self._prog.paths)

    def __iter__(self) -> Iterator[Graph]:
        return (self._prog.graph(i) for i in range(len(self._prog.paths)))


class Names(dict):
    """`prog.functions`: qualified name -> (file, function index); every lookup is recorded."""

    def __init__(self, prog: Linked) -> None:
        super().__init__()
        self._prog = prog

    def get(self, key: Any, default: Any = None) -> Any:
        self._prog.trace.names.add(key)
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self._prog.trace.names.add(key)  # type: ignore[arg-type]
        return dict.__contains__(self, key)

    def __getitem__(self, key: Any) -> Any:
        self._prog.trace.names.add(key)
        return dict.__getitem__(self, key)


def module_aliases(module: str, path: str | None) -> list[str]:
    """The module's name, then the names its path gives it from the folders above (`pkg/data.py`
    in a folder without `__init__.py` is `data` to its neighbours and `pkg.data` to a script at the
    repo's root: Python 3 imports a plain folder as a namespace package)."""
    names = [module]
    if path and path.endswith(".py") and not path.endswith("__init__.py"):
        parts = path[:-3].split("/")
        names += [n for n in (".".join(parts[i:]) for i in range(len(parts) - 1)) if len(n) > len(module)]
    return names


def function_table(ifaces: list[dict[str, Any]], paths: list[str] | None = None) -> tuple[dict[str, tuple[int, int]], dict[str, int]]:
    """(qualified name -> (file, function index), module -> file): the first file wins; a module's
    own name before the names its path gives it."""
    functions: dict[str, tuple[int, int]] = {}
    modules: dict[str, int] = {}
    add = functions.setdefault
    for alias in (False, True):
        for index, iface in enumerate(ifaces):
            if alias:  # the first of `module_aliases` is the module's own name, taken in the first pass
                names = module_aliases(iface["m"], paths[index] if paths and index < len(paths) else None)[1:]
                if not names:
                    continue
            else:
                names = [iface["m"]]
            qualnames = iface["f"]
            for module in names:
                modules.setdefault(module, index)
                prefix = f"{module}." if module else ""
                for number in range(1, len(qualnames)):
                    add(prefix + qualnames[number], (index, number))
    return functions, modules


class Linked(CallSites):
    """The program's files, decoded on demand, and the trace of the running rule."""

    def _link(self, source: Source) -> None:
        self.source = source
        self.paths = source.paths
        self.graphs = GraphView(self)
        self.functions = Names(self)
        table, self.modules = function_table(source.ifaces, source.paths)
        dict.update(self.functions, table)
        self.trace = Trace()
        self.start: int | None = None
        self.allowed: frozenset[str] | None = None
        self._run: list[Graph | None] = [None] * len(self.paths)
        self._decoded: OrderedDict[int, Graph] = OrderedDict()  # least recently read first
        self._held = 0  # nodes in `_decoded`
        self._nesting = 0  # decodes under way (a factory's file decoded while resolving another's)
        self._deps: dict[int, Trace] = {}
        self._kinds: dict[int, dict[str, array[int]]] = {}
        self._calls_index: dict[tuple[int, int], list[int]] | None = None
        self._callers: dict[tuple[int, int], tuple[list[Ref], list[int]]] = {}
        self._sided: dict[int, dict[int, tuple[bool, list[list[Any]]]]] = {}

    def release(self) -> None:
        """Drop the decoded graphs and every index over them (the program is no longer shared)."""
        for held in (self._decoded, self._deps, self._kinds, self._callers, self._sided, self.source.shared):
            held.clear()
        self._held = 0
        self._run = [None] * len(self.paths)
        self._calls_index = None

    def graph(self, file: int) -> Graph:
        found = self._run[file]
        if found is None:
            found = self._decoded.get(file)
            if found is None:
                found = self._decode(file)
            else:
                self._decoded.move_to_end(file)
            self._run[file] = found
            self.trace.files.add(file)
            deps = self._deps.get(file)
            if deps is not None:
                self.trace.absorb(deps)
            if self._held > GRAPH_BUDGET and not self._nesting:
                self._evict()
        return found

    def _decode(self, file: int) -> Graph:
        from hygiene.analysis.dataflow.factories import resolve_factories

        graph = self.source.load(file, self.source.shared)
        self._decoded[file] = graph
        self._held += len(graph.nodes)
        saved = self.trace, self._run
        self.trace, self._run = Trace(), [None] * len(self.paths)
        self._run[file] = graph
        self.trace.files.add(file)
        self._nesting += 1
        try:
            resolve_factories(self, file)  # type: ignore[arg-type]
        finally:
            self._nesting -= 1
            self._deps[file] = self.trace
            self.trace, self._run = saved
        return graph

    def _evict(self) -> None:
        """Drop the least recently read graphs the running rule has not read, with what is
        indexed per file, until the others hold at most `GRAPH_BUDGET` nodes."""
        for file in list(self._decoded):
            if self._held <= GRAPH_BUDGET:
                break
            if self._run[file] is None:
                self._held -= len(self._decoded.pop(file).nodes)
                self._forget(file)
        if len(self.source.shared) > SHARED_LIMIT:
            self.source.shared.clear()

    def _forget(self, file: int) -> None:
        """Drop the indexes over file `file`'s graph (built again from it when read again)."""
        self._deps.pop(file, None)
        self._kinds.pop(file, None)

    # -- runs -----------------------------------------------------------------------------------------
    def begin(self, start: int | None, allowed: frozenset[str] | None = None) -> None:
        """Start a rule run whose `nodes()` are the nodes of file `start` (kinds in `allowed`)."""
        self.start, self.allowed, self.trace = start, allowed, Trace()
        self._run = [None] * len(self.paths)
        if self._held > GRAPH_BUDGET:
            self._evict()

    def end(self) -> Trace:
        trace = self.trace
        self.begin(None)
        return trace

    # -- nodes by kind ----------------------------------------------------------------------------
    def nodes(self, *kinds: str) -> Iterator[Ref]:
        """Every node of the given kinds in source order: in a run for one start file, that
        file's; otherwise the whole program's, file by file."""
        if self.start is None:
            return self.everywhere(*kinds)
        if self.allowed is not None and not self.allowed.issuperset(kinds):
            raise ValueError(f"nodes{kinds}: kinds outside the rule's declared `starts`")
        return self.nodes_in(self.start, *kinds)

    def nodes_in(self, file: int, *kinds: str) -> Iterator[Ref]:
        """The nodes of the given kinds in one file, in source order."""
        graph = self.graph(file)
        table = self._kinds.get(file)
        if table is None:
            table = {}
            base = file << SHIFT
            for number, node in enumerate(graph.nodes):
                if node and isinstance(node[KIND], str):
                    table.setdefault(node[KIND], array("q")).append(base | number)
            self._kinds[file] = table
        if len(kinds) == 1:
            return iter(table.get(kinds[0], ()))
        return iter(sorted(r for k in set(kinds) for r in table.get(k, ())))

    def everywhere(self, *kinds: str) -> Iterator[Ref]:
        """Every node of the given kinds in the whole program (a run reading it depends on every
        file that has, or gains, one)."""
        self.trace.kinds.update(kinds)
        wanted = set(kinds)
        files = [i for i, present in enumerate(self.source.kinds) if not wanted.isdisjoint(present)]
        return (ref for file in files for ref in self.nodes_in(file, *kinds))

    # -- parameters named for a truth and a prediction ----------------------------------------------
    def sided(self, key: tuple[int, int]) -> tuple[bool, list[list[Any]]] | None:
        """(whether it is a method, [[name, index], ...]) of the repo function `key` when it has a
        parameter named for a truth and one named for a prediction, else None; read from the file's
        interface, decoding no graph. A run reaches `key` through a name it looked up (`callee`),
        and `startphase` re-runs the runs that looked up a function whose entry changed."""
        file = key[0]
        table = self._sided.get(file)
        if table is None:
            entries = self.source.ifaces[file].get("p")
            if not isinstance(entries, list):  # an interface of another form: from the graph
                entries = sided_parameters(self.graph(file))
            table = self._sided[file] = {e[0]: (bool(e[1]), e[2]) for e in entries}
        return table.get(key[1])

    def argument_at(self, call: Ref, owned: bool, name: str | None, index: int) -> Ref:
        """The input of `call` that fills the parameter `name` at position `index` of a function
        (a method when `owned`), 0 when none: `Program.argument` without the function's graph."""
        kw = self.info(call).get("kw", {})  # type: ignore[attr-defined]
        if name in kw:
            return self.input(call, kw[name])  # type: ignore[attr-defined]
        if index < 0:
            return 0
        # Inputs are [receiver, positional..., keywords...]; a method's `self` is the receiver.
        method = owned and self.info(call).get("m")  # type: ignore[attr-defined]
        position = index if method else index + 1
        positional = len(self.row(call)[INPUTS]) - len(kw)  # type: ignore[attr-defined]
        return self.input(call, position) if position < positional else 0  # type: ignore[attr-defined]
