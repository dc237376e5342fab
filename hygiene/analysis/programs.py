"""Programs: what each entry point of a repo runs, in what order, and which generators it seeds.

Built in the repo phase from the `rng` facts of every file (hygiene.analysis.randomness). An entry is a
notebook or a script (an `if __name__ == "__main__":` block, or top-level calls in a file that no
other file imports) that is not a test. Starting from its top level, the calls it makes are followed into the functions, methods and
modules of the repo, in order: an import runs the imported module's top level; a call runs the
function; a class used runs its body and `__init__` then, and the methods frameworks call
later (`__getitem__`, `forward`, `training_step`); other methods run where a call to them is seen
(`self.fit()`, `trainer.fit()` when `trainer`'s class is known); a function passed as a value (a
callback) runs later too. A program that serves requests (it imports gradio, FastAPI, Flask,
Streamlit) is not an experiment: randomness there is meant to vary per request, so it is not
judged. What no program reaches (library code, dynamic dispatch) is not judged: precision first.
What else seeds a program (released weights, a seeding method): hygiene.analysis.program_seeds.

For every draw reached, `Programs.draws` says which entries run it without ever seeding its
generator; `Programs.late_seeds` lists seeds that come after a draw they should have controlled.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import libcst as cst

from hygiene.analysis.apis.rng import GENERATORS
from hygiene.analysis.console_scripts import script_starts
from hygiene.analysis.overwritten import loaded_init
from hygiene.analysis.program_seeds import initialises, seeding_methods
from hygiene.analysis.purpose import in_doc_dir
from hygiene.analysis.module_names import (aliases, full_path, full_paths, importable, imported_modules, reexports,
                                           sibling_module, unalias)
from hygiene.walk import iter_nodes

if TYPE_CHECKING:
    from hygiene.context import RepoContext

# (path, scope key, ordinal of the call or event in that scope)
Frame = tuple[str, str, int]
_RUN_FIRST = ("__init__", "__post_init__", "__new__")
# Methods a framework calls on an object without the code naming them: they run later. Any other
# method runs only when a call to it is seen (`obj.fit()` with `obj`'s class known, `self.fit()`);
# taking every method of every class used would reach half a library through one registry.
_RUN_LATER = frozenset({
    "__call__", "__getitem__", "__iter__", "__next__", "__len__", "__enter__", "__exit__", "__contains__",
    "forward", "training_step", "validation_step", "test_step", "predict_step", "configure_optimizers",
    "setup", "prepare_data", "train_dataloader", "val_dataloader", "test_dataloader", "compute_loss",
    "collate_fn", "transform", "run", "main",
})


@dataclass
class DrawSite:
    path: str
    ordinal: int
    gen: str
    kind: str
    label: str
    lazy: bool
    code: str
    scope: str
    context: str  # `Class.method` / `function` / "" (module level), for finding identities
    unseeded_by: list[str] = field(default_factory=list)  # entries that run it and never seed `gen`
    seeds_of: dict[str, list[str]] = field(default_factory=dict)  # entry -> generators it does seed
    # Set when findings are grouped (hygiene.analysis.unseeded_draws): further unseeded draws of the file,
    # and why the finding is a checklist question rather than a finding ("" if it is a finding).
    more: list["DrawSite"] = field(default_factory=list)
    ask: str = ""
    rank: int = 0  # as the anchor of a group of programs (hygiene.analysis.seed_evidence.anchor_rank)


@dataclass
class LateSeed:
    entry: str
    seed: Frame  # where to report: the seed, or the call of the seeding helper
    seed_code_hint: str
    gens: list[str]
    draw: DrawSite
    draw_frames: list[Frame]


class Programs:
    def __init__(self, repo: RepoContext) -> None:
        from hygiene.cache.summaries import packed  # unchanged files' facts from one store

        self.files: dict[str, dict[str, Any]] = dict(packed(repo, "rng"))
        # Every Python file's path without `.py`: what a dotted name may name (paths only: edits keeping `rng` replay).
        self.source_stems = {s.path[:-3] for s in repo.paths() if s.path.endswith(".py")}
        self.scope_paths: dict[str, list[str]] = {}
        self.class_paths: dict[str, list[str]] = {}
        self.module_paths: dict[str, list[str]] = {}
        for path, facts in self.files.items():
            self.module_paths.setdefault(facts["module"], []).append(path)
            for key in facts["scopes"]:
                self.scope_paths.setdefault(key, []).append(path)
            for key in facts["classes"]:
                self.class_paths.setdefault(key, []).append(path)
        self.aliases = aliases(self.files, self.module_paths)  # `experiments.py.utils` -> `utils`
        self.full_paths = full_paths(self.files, self.aliases)  # `spinup.algos.pytorch.ppo.ppo` -> its file
        self.reexports = reexports(self.files)  # `pkg.train` -> `pkg.trainer.train`
        self.draws: dict[tuple[str, int], DrawSite] = {}
        # Each program's output: "reports", "data", "shows" (plots or checks) or "" (hygiene.analysis.purpose).
        self.uses: dict[str, str] = {}
        self.seeded: dict[str, list[str]] = {}  # entry -> the generators it seeds
        self.measured: dict[str, bool] = {}
        self.evaluators: list[str] = []
        self.seeders = {c for f in self.files.values() for c in f.get("seeders", ())}
        self.seeding_methods = seeding_methods(self.files, self._is_library)  # hygiene.analysis.program_seeds
        self.late_seeds: list[LateSeed] = []
        self.visited: dict[str, set[str]] = {}  # entry -> the files it runs code of
        # The modules imported anywhere, and those imported outside other modules' `__main__` blocks.
        self.imported, self.imported_outside_main = imported_modules(self.files)
        imported = self.imported
        self.seeders |= self._seeding_subclasses()
        self.scripts = script_starts(repo, self.files, self.module_paths, self.full_paths)  # console scripts' functions
        self.entries = sorted(p for p, f in self.files.items() if not f["test"] and not f.get("service") and (
            f["entry"] or (f.get("toplevel") and f["module"] not in imported) or p in self.scripts))
        for entry in self.entries:
            self._run(entry)

    def _seeding_subclasses(self) -> set[str]:
        """Subclasses of the repo's own classes whose constructor seeds every generator (a trainer
        base class that calls `set_seed(args.seed)` in `__init__`): constructing one seeds too,
        whatever its own `__init__` passes on to `super().__init__`."""
        bases = {c: bs for f in self.files.values() for c, bs in f.get("bases", {}).items()}
        seeding = set(self.seeders)
        for path, facts in self.files.items():
            for cls, methods in facts["classes"].items():
                init = f"{cls}.__init__"
                if init in methods and any(e[0] == "s" and "*" in e[2] and (not e[3] or self._is_library(e[3], path))
                                           for e in facts["scopes"].get(init, ())):
                    seeding.add(cls)
        grown = True
        while grown:
            grown = False
            for cls, named in bases.items():
                if cls not in seeding and any(b in seeding for b in named):
                    seeding.add(cls)
                    grown = True
        return seeding

    # -- resolution -----------------------------------------------------------------------------
    def _prefer(self, paths: list[str], near: str, exact: str | None = None) -> list[str]:
        if exact in paths:
            return [exact]  # named by its full dotted path
        if len(paths) <= 1:
            return paths
        if near in paths:
            return [near]
        return importable(paths, near, self.files)  # hygiene.analysis.module_names

    def _targets(self, name: str, near: str, is_import: bool) -> Iterator[tuple[str, str, bool]]:
        """(path, scope key, runs now) for what `name` runs when called (or imported) from `near`.

        An import runs the imported module's top level (`from data import load` runs `data`)."""
        exact = full_path(name, self.full_paths)
        name = unalias(name, self.aliases)
        if name not in self.scope_paths and name not in self.class_paths:
            name = self.reexports.get(name, name)
        if exact is None and name not in self.scope_paths and name not in self.class_paths \
                and name not in self.module_paths:
            name = sibling_module(name, near, self.files) or name
        if is_import and exact is not None:  # the module at that path, whatever other file has its dotted name
            if self.files[exact]["module"] in self.files[exact]["scopes"]:
                yield exact, self.files[exact]["module"], True
            return
        if is_import:
            module = name
            while module and module not in self.module_paths:
                module = module.rsplit(".", 1)[0] if "." in module else ""
            for path in self._prefer(self.module_paths.get(module, []), near, exact):
                if module in self.files[path]["scopes"]:
                    yield path, module, True
            return
        if name in self.class_paths:
            for path in self._prefer(self.class_paths[name], near, exact):
                if name in self.files[path]["scopes"]:
                    yield path, name, True
                for method in self.files[path]["classes"].get(name, ()):
                    short = method.rsplit(".", 1)[-1]
                    if short in _RUN_FIRST or short in _RUN_LATER or method in self.files[path].get("steps", ()):
                        yield path, method, short in _RUN_FIRST
            return
        if exact is not None and name != self.files[exact]["module"] and name in self.files[exact]["scopes"]:
            yield exact, name, True  # a function of the file named by its full dotted path
            return
        if name in self.scope_paths and name not in self.module_paths:
            for path in self._prefer(self.scope_paths[name], near, exact):
                yield path, name, True
            return
        if name in self.module_paths:  # `importlib.import_module`-like references run the module
            for path in self._prefer(self.module_paths[name], near, exact):
                if name in self.files[path]["scopes"]:
                    yield path, name, True

    # -- one program ----------------------------------------------------------------------------
    def _run(self, entry: str) -> None:
        facts = self.files[entry]
        done: set[tuple[str, str]] = set()
        later: list[tuple[str, str, list[Frame]]] = []
        seeded_now, seeded_ever = set[str](), set[str]()
        pending: dict[str, tuple[DrawSite, list[Frame]]] = {}
        reached: list[DrawSite] = []
        initial: set[int] = set()  # sites first reached from a constructor or an init function

        def seed(gens: list[str], frames: list[Frame], deferred: bool) -> None:
            covered = GENERATORS if "*" in gens else [g for g in gens if g in GENERATORS]
            late = [g for g in covered if g in pending and g not in seeded_now]
            if late and not deferred:
                site, draw_frames = pending[late[0]]
                where = _report_frame(frames, draw_frames, self.files)
                self.late_seeds.append(LateSeed(entry, where, "", late, site, draw_frames))
            for g in covered:
                pending.pop(g, None)
            seeded_now.update(covered)
            seeded_ever.update(covered)

        def walk(path: str, key: str, frames: list[Frame], deferred: bool) -> None:
            stack: list[tuple[str, str, list[Frame], Iterator[list[Any]]]] = []
            if (path, key) not in done:
                done.add((path, key))
                stack.append((path, key, frames, iter(self._events(path, key, entry))))
            while stack:
                cur_path, cur_key, cur_frames, events = stack[-1]
                event = next(events, None)
                if event is None:
                    stack.pop()
                    continue
                kind = event[0]
                if kind == "s" and event[3] and not self._is_library(event[3], cur_path):
                    kind, event = "c", ["c", event[3], event[1]]
                if kind == "c" and event[1] in self.seeders:  # a Trainer subclass: its constructor seeds
                    seed(["*"], [*cur_frames, (cur_path, cur_key, event[2])], deferred)
                if kind in ("c", "r"):
                    here = (cur_path, cur_key, event[2])
                    method = event[1].rsplit(".", 1)[-1] if kind == "c" and event[2] >= 0 else ""
                    if method in self.seeding_methods and next(self._targets(event[1], cur_path, False), None) is None:
                        seed(self.seeding_methods[method], [*cur_frames, here], deferred)
                    for t_path, t_key, now in self._targets(event[1], cur_path, event[2] < 0):
                        if kind == "r" or not now:
                            later.append((t_path, t_key, [*cur_frames, here]))
                        elif (t_path, t_key) not in done:
                            done.add((t_path, t_key))
                            stack.append((t_path, t_key, [*cur_frames, here],
                                          iter(self._events(t_path, t_key, entry))))
                elif kind == "s":
                    seed(event[2], [*cur_frames, (cur_path, cur_key, event[1])], deferred)
                elif kind == "d":
                    site = self._site(cur_path, cur_key, event)
                    reached.append(site)
                    initial.update([id(site)] if any(initialises(f[1]) for f in cur_frames) else [])  # a constructor's helper
                    if site.gen in GENERATORS and not site.lazy and not deferred and site.gen not in seeded_now and (
                            site.gen not in pending or loaded_init(self.files, *pending[site.gen])):
                        pending[site.gen] = (site, [*cur_frames, (cur_path, cur_key, event[1])])

        walk(entry, facts["module"], [], False)
        for key in self.scripts.get(entry, ()):
            walk(entry, key, [], False)  # an installed command runs its function after the import
        while later:
            path, key, frames = later.pop(0)
            walk(path, key, frames, True)
        visited = self.visited[entry] = {path for path, _ in done}
        use = self.files[entry].get("purpose", "")
        if use == "times" and any(self.files[p].get("reads") or self.files[p].get("loads") for p in visited):
            use = ""  # it times a model on data some file it runs reads: judged by what it runs
        # A notebook's output is what it shows; a usage example's is a demonstration of the library,
        # unless it trains a model with it (alpaca_farm keeps its paper's training scripts in examples/).
        demo = use == "shows" and in_doc_dir(entry) and not self.files[entry].get("trains")
        if use not in ("data", "exports", "times") and not entry.endswith(".ipynb") and not demo:
            purposes = {self.files[p].get("purpose", "").replace("times", "reports") for p in visited}
            use = "reports" if "reports" in purposes else "shows" if "shows" in purposes else ""
        self.uses[entry] = use
        self.seeded[entry] = sorted(seeded_ever)
        loads = any(self.files[p].get("loads") for p in visited)
        loads = loads or (any(self.files[p].get("pretrained") for p in visited)  # released weights, measured
                          and not any(self.files[p].get("trains") for p in visited))
        # Whether some file it runs computes a result (`reports_number`); programs that measure loaded weights.
        ran = {kind for p in visited for key, kind in (self.files[p].get("measures") or {}).items() if (p, key) in done}
        self.measured[entry] = bool(ran)
        if loads and "metric" in ran:
            self.evaluators.append(entry)
        for site in reached:
            if loads and site.gen == "torch" and (initialises(site.context) or "init" in site.label or id(site) in initial):
                continue  # a model's initial weights, replaced by the weights the program loads
            if site.gen == "fresh" or site.gen not in seeded_ever:
                if entry not in site.unseeded_by:
                    site.unseeded_by.append(entry)
            site.seeds_of[entry] = sorted(seeded_ever)

    def _events(self, path: str, key: str, entry: str) -> list[list[Any]]:
        """The events of a scope as `entry` runs them: importing a module skips its `__main__` block."""
        facts = self.files[path]
        events = facts["scopes"].get(key, [])
        main = facts.get("main")
        if main and path != entry and key == facts["module"]:
            return events[:main[0]] + events[main[1]:]
        return events

    def _is_library(self, callee: str, near: str) -> bool:
        """A seeding helper that is not defined in the repo (transformers.set_seed) seeds everything."""
        return next(self._targets(callee, near, False), None) is None

    def _site(self, path: str, key: str, event: list[Any]) -> DrawSite:
        ident = (path, event[1])
        site = self.draws.get(ident)
        if site is None:
            module = self.files[path]["module"]
            context = key[len(module) + 1:] if key.startswith(module + ".") else ""
            site = DrawSite(path, event[1], event[2], event[3], event[4], bool(event[5]), event[6], key, context)
            self.draws[ident] = site
        return site


def _report_frame(seed_frames: list[Frame], draw_frames: list[Frame], files: dict[str, dict[str, Any]]) -> Frame:
    """Where a late seed is reported: in the deepest scope the seed and the draw share, the seed's
    own step there (the seed itself, or the call that leads to it); a call into a helper that only
    seeds (`set_seed`) is reported at the call, since that is the line to move."""
    index = 0
    while index < min(len(seed_frames), len(draw_frames)) - 1 \
            and seed_frames[index] == draw_frames[index]:
        index += 1
    return seed_frames[index]


# -- finding nodes again ------------------------------------------------------------------------
@dataclass
class Place:
    line: int | None
    column: int | None = None
    end_line: int | None = None
    cell: int | None = None
    cell_line: int | None = None
    snippet: str = ""


def locate(repo: RepoContext, path: str, ordinals: set[int]) -> dict[int, Place]:
    """Positions of the calls numbered `ordinals` (in walk order) in `path`, parsing it again.

    Only files with findings pay for this; the file phase records ordinals, not positions (which
    cost twice the parse)."""
    cache: dict[str, dict[int, Place]] = repo.shared("programs.places", dict)
    # The positions come from the file's text: the rule asking depends on it, not on every file's text.
    repo.consult(path)
    known = cache.setdefault(path, {})
    missing = {o for o in ordinals if o not in known}
    if missing:
        known.update(_positions(repo, path, missing))
    return {o: known.get(o, Place(None)) for o in ordinals}


def _positions(repo: RepoContext, path: str, ordinals: set[int]) -> dict[int, Place]:
    from hygiene.context import FileContext
    from hygiene.parsing import notebook as notebook_parsing
    from hygiene.parsing.python import ParseError, decode, parse

    source = next((s for s in repo.paths() if s.path == path), None)
    if source is None:
        return {}
    try:
        data = source.abspath.read_bytes()
        if source.kind == "notebook":
            nb = notebook_parsing.load(data)
            module, text = nb.module, nb.text
        else:
            nb, text = None, decode(data)
            module = parse(text)
    except (OSError, ParseError, UnicodeDecodeError, ValueError):
        return {}
    ctx = FileContext(path, source.kind, text, repo.config, module, None, nb)
    places: dict[int, Place] = {}
    ordinal = -1
    last = max(ordinals)
    for node in iter_nodes(module):
        if not isinstance(node, cst.Call):
            continue
        ordinal += 1
        if ordinal in ordinals:
            places[ordinal] = _place(ctx, node)
        if ordinal >= last:
            break
    return places


def _place(ctx: Any, node: cst.Call) -> Place:
    pos = ctx.position(node)
    if pos is None:
        return Place(None)
    line, end_line = pos.start.line, pos.end.line
    snippet = " ".join(ctx.code(node).split())[:200]
    if ctx.notebook is not None:
        cell, cell_line, joined = ctx.notebook.locate(line)
        return Place(joined, pos.start.column + 1, joined + (end_line - line), cell, cell_line, snippet)
    return Place(line, pos.start.column + 1, end_line, snippet=snippet)


def programs(repo: RepoContext) -> Programs:
    return repo.shared("programs", lambda: Programs(repo), keep=True)
