"""Where a file seeds and draws randomness, and which functions it calls: facts for the repo phase.

Whether a draw is seeded is a property of the *program* that runs it, not of its file: `data.py` may call
`random.sample` and be seeded because `train.py` calls `set_seed` first. So every file records, per top-level
function, method, class body, module body and lambda bound to a module-level name (a "scope"), the ordered events:

    ["c", "data.eval_subset", ordinal]        a call to a function that may be in the repo
    ["r", "train.seed_worker", ordinal]       a function passed as a value (a callback, a dispatch table)
    ["s", ordinal, ["torch"], "callee"]       a seed of some global generators ("*": all of them)
    ["d", ordinal, gen, kind, label, lazy, code]   a draw (see hygiene.analysis.apis.rng)

`ordinal` numbers the file's calls in walk order, so the repo phase can find the node again (programs.locate).
The file also says if it is surely a program ("entry": a notebook, a script calling its own functions at top
level, or a `__main__` block), may be one ("toplevel": it calls or draws at top level; a program if no other
file imports it) and if it is a test. Stored as facts["rng"]; hygiene.analysis.programs reads them.
"""
from __future__ import annotations

import re
from typing import Any, ClassVar

import libcst as cst

from hygiene.analysis.library_roots import EXTERNAL, STDLIB
from hygiene.analysis.looped import looped_class
from hygiene.analysis.apis import plain, rng
from hygiene.analysis.apis.sklearn import platt_only
from hygiene.context import FileContext
from hygiene.discovery import is_test_path
from hygiene.analysis.dispatch_tables import table_functions
from hygiene.analysis.keyed_shuffles import order_free
from hygiene.analysis.names import dotted
from hygiene.analysis.scopes import named_lambda
from hygiene.analysis.held_out import counts_answers
from hygiene.analysis.program_shapes import framework_step, runner_commands
from hygiene.analysis.harmless_draws import DISPLAY_WORDS as _DISPLAY_WORDS, HARMLESS_FUNCTIONS as _HARMLESS_FUNCTIONS, \
    HARMLESS_WORDS as _HARMLESS_WORDS, words as _words
from hygiene.analysis.program_shapes import (CLI_RUNNERS as _CLI_RUNNERS, SERVING as _SERVING, SERVING_DIRS as _SERVING_DIRS,
                                             calls_first as _calls_first, assigns_counted_matches, command_group,
                                             is_main_guard as _is_main_guard)
from hygiene.analysis.purpose import READS, CallSignals, file_purpose, placeholder_path

# Big libraries a research repo imports but never is: not recorded as calls, unless the file is part of one.
_STDLIB, _EXTERNAL = STDLIB, EXTERNAL
_MAX_CODE = 60


class RandomnessExtractor:
    kinds: ClassVar[frozenset[str]] = frozenset({"python", "notebook"})

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.module = ctx.names.module_name if ctx.names is not None else ""
        self.own_root = self.module.split(".", 1)[0]
        self.scopes: dict[str, list[list[Any]]] = {}
        self.classes: dict[str, list[str]] = {}
        self.steps: list[str] = []  # methods a framework runs when the class is run (Metaflow's `@step`)
        self.entry = ctx.kind == "notebook"
        # Top-level statements that do something (calls, draws): a script, if nothing imports it.
        self.toplevel = False
        self.service = any((v or "").split(".", 1)[0] in _SERVING for v in ctx.names.module_scope.bindings.values()) \
            if ctx.names is not None else False
        self.service = self.service or any(p.lower() in _SERVING_DIRS for p in ctx.path.split("/")[:-1])
        self.ordinal = -1
        self.imports_torch: bool | None = None
        self._last_scope: object = None
        self._last_events: list[list[Any]] = []
        self._fresh: dict[str, tuple[list[list[Any]], list[Any]]] = {}  # name -> (events, draw record)
        self.any_rng = False
        self._main_start: int | None = None
        self.main: list[int] | None = None
        self.signals = CallSignals()
        self.workers = False  # builds a DataLoader with worker processes (`num_workers=` not 0)
        self.pretrained = False  # builds a model with released weights (`vit_base(pretrained=True)`)
        self.seeders: list[str] = []  # classes of this file whose construction seeds (Trainer subclasses)
        self.bases: dict[str, list[str]] = {}  # class -> its bases' qualified names
        self.relative_imports: list[str] = []  # paths without suffix that `from . import x` names
        self._receivers: list[tuple[cst.Call, list[list[Any]], int, int]] = []  # calls on a call's result
        self._cli_commands: dict[str, list[str]] = {}  # `app` -> its `@app.command()` functions (typer, click)

    # -- scopes ---------------------------------------------------------------------------------
    def _scope_key(self) -> str:
        names: list[str] = []
        kinds: list[str] = []
        scope = self.ctx.names.scope
        while scope is not None and scope.kind != "module":
            names.append(scope.name)
            kinds.append(scope.kind)
            scope = scope.parent
        names.reverse()
        kinds.reverse()
        if not names:
            return self.module
        # Nested functions and classes belong to their outermost function or method.
        depth = 2 if kinds[0] == "class" and len(kinds) > 1 and kinds[1] == "function" else 1
        return ".".join([self.module, *names[:depth]])

    def _assigned_name(self) -> str | None:
        """`rng` in `rng = np.random.default_rng()`, for the call being visited."""
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, cst.Assign):
                target = parent.targets[0].target if len(parent.targets) == 1 else None
                return target.value if isinstance(target, cst.Name) else None
            if isinstance(parent, (cst.SimpleStatementLine, cst.FunctionDef)):
                return None
        return None

    def _owner_class(self) -> str | None:
        """The top-level class whose method is being walked."""
        scope = self.ctx.names.scope
        chain = []
        while scope is not None and scope.kind != "module":
            chain.append(scope)
            scope = scope.parent
        return chain[-1].name if chain and chain[-1].kind == "class" else None

    def _events(self) -> list[list[Any]]:
        scope = self.ctx.names.scope
        if scope is not self._last_scope:
            self._last_scope, self._last_events = scope, self.scopes.setdefault(self._scope_key(), [])
        return self._last_events

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        parent = self.ctx.names.scope.parent  # the resolver already entered the function
        for group in filter(None, (command_group(d.decorator) for d in node.decorators)) if parent and parent.kind == "module" else ():
            self._cli_commands.setdefault(group, []).append(f"{self.module}.{node.name.value}")
        if parent is not None and parent.kind == "class" and (parent.parent is None or parent.parent.kind == "module"):
            owner = f"{self.module}.{parent.name}"
            self.classes.setdefault(owner, []).append(f"{owner}.{node.name.value}")
            if framework_step(node, self.ctx.names.qualified_name):  # Metaflow's `@step`: run when the flow runs
                self.steps.append(f"{owner}.{node.name.value}")

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.ctx.names.scope.parent is not None and self.ctx.names.scope.parent.kind == "module":
            self.classes.setdefault(f"{self.module}.{node.name.value}", [])
            bases = [self.ctx.names.qualified_name(b.value) for b in node.bases]
            if any(b is not None and plain(b) in rng.SEEDING_TRAINERS for b in bases):
                self.seeders.append(f"{self.module}.{node.name.value}")
            named = [plain(b) for b in bases if b is not None]
            if named:  # the repo phase finds the repo's own classes whose constructor seeds
                self.bases[f"{self.module}.{node.name.value}"] = named

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, (cst.Name, cst.Attribute)):
                self.signals.see_target(dotted(target.target) or "", self._scope_key)
        if assigns_counted_matches(self.ctx, node):  # `(p.argmax(1) == y).mean()`
            self.signals.see_target("correct", self._scope_key)
        tables = table_functions(node.value, self.ctx.names.qualified_name, self._candidate)  # called later
        self._events().extend(["r", plain(r), max(self.ordinal, 0)] for r in tables)  # (-1 would mean an import)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:  # `correct += (pred == y).sum()`, `test_loss += ...`
        self.signals.see_target(dotted(node.target) or "" if isinstance(node.target, (cst.Name, cst.Attribute)) else "", self._scope_key)

    # -- is this file a program? ----------------------------------------------------------------
    def visit_If(self, node: cst.If) -> None:
        if counts_answers(node, self.ctx.code):  # `if pred == e["answer"]: succ += 1` (hygiene.analysis.held_out)
            self.signals.see_target("correct", self._scope_key)
        if len(self.ctx.parents) == 1 and _is_main_guard(node.test):
            self.entry = True
            self._main_start = len(self.scopes.setdefault(self.module, []))

    def leave_If(self, node: cst.If) -> None:
        if len(self.ctx.parents) == 1 and self._main_start is not None:
            # Events of the `__main__` block, by index in the module's list: an import skips them.
            self.main = [self._main_start, len(self.scopes.get(self.module, []))]
            self._main_start = None

    def visit_Expr(self, node: cst.Expr) -> None:
        if len(self.ctx.parents) == 2 and isinstance(node.value, cst.Call):  # Module > SimpleStatementLine
            name = self.ctx.names.qualified_name(node.value.func)
            func = node.value.func
            tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if tail.lower().startswith("register"):
                return  # `register_layer("attconv", AttConv)`: a module adds its code to a registry; no program
            self.toplevel = True
            if (name is None or self._candidate(name) or plain(name) in _CLI_RUNNERS) and not (name or "x").rsplit(".", 1)[-1].startswith("_"):
                self.entry = True  # (a private helper run on import, `_rescan_model_configs()`, makes no program)

    def visit_For(self, node: cst.For) -> None:
        if len(self.ctx.parents) == 1:
            self.entry = True
        picked = looped_class(node, self.ctx.names.qualified_name)  # `for name, Algo in {"ppo": PPO}.items():`
        if picked:
            self.__dict__.setdefault("_looped", {})[picked[0]] = picked[1]

    def visit_While(self, node: cst.While) -> None:
        if len(self.ctx.parents) == 1:
            self.entry = True

    # -- imports run the imported module's top level ---------------------------------------------
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = dotted(alias.name)
            if full and self._candidate(full):
                self._events().append(["c", full, -1])

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        if node.relative:  # `from .. import nn`: the file it names, by path (folders may lack __init__.py)
            folder = self.ctx.path.split("/")[:-1]
            folder = folder[: len(folder) - (len(node.relative) - 1)] if len(node.relative) > 1 else folder
            base = "/".join([*folder, *(dotted(node.module) or "").split(".")]).strip("/") if node.module else "/".join(folder)
            for alias in node.names:
                name = dotted(alias.name)
                if name:
                    self.relative_imports.extend([f"{base}/{name}".strip("/"), base])
        # The resolver already knows where each imported name points.
        for alias in node.names:
            bound = alias.asname.name.value if alias.asname is not None and isinstance(alias.asname.name, cst.Name) \
                else dotted(alias.name)
            if not bound:
                continue
            found, full = self.ctx.names.lookup(bound.split(".", 1)[0])
            if found and full and self._candidate(full):
                # `from pkg import mod` imports a module, `from mod import f` a name: the repo
                # phase tries the full name first, then its module.
                self._events().append(["c", full, -1])

    def _tf_data(self) -> bool:
        """The file imports TensorFlow (or its data sets) and not Hugging Face `datasets`."""
        if self.__dict__.get("_tf") is None:
            roots = {(v or "").split(".", 1)[0] for v in self.ctx.names.module_scope.bindings.values()}
            self._tf = bool(roots & {"tensorflow", "tensorflow_datasets"}) and "datasets" not in roots
        return self._tf

    # -- calls ----------------------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        self.ordinal += 1
        func = node.func
        tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        name = self.ctx.names.qualified_name(func) or (self.__dict__.get("_looped", {}).get(func.value) if isinstance(func, cst.Name) else None)
        if self.imports_torch is None:
            self.imports_torch = any((v or "").startswith("torch") for v in self.ctx.names.module_scope.bindings.values())
        # A notebook measures through library calls; its own helpers are judged by what they call.
        own = self.ctx.kind == "notebook" and name is not None and name.startswith(self.module + ".")
        self.signals.see(tail, name, own=own, where=self._scope_key, args=lambda: self.ctx.code(node))
        self.workers = self.workers or rng.builds_workers(tail, node)
        self.pretrained = self.pretrained or rng.loads_released(tail, node)
        if tail in READS and node.args and isinstance(node.args[0].value, cst.SimpleString) \
                and placeholder_path(node.args[0].value.value):
            self.signals.template = True
        event = rng.classify(name, node, tail, self.imports_torch)
        if isinstance(event, rng.Draw) and event.kind == "sample" and tail == "shuffle" and self._tf_data():
            # `ds.shuffle(buffer_size=n)` on a data set whose maker is not visible (`tfds.load(...)`
            # split by a dict key), in a file that imports TensorFlow and not Hugging Face `datasets`:
            # a tf.data shuffle, drawn from TensorFlow's seeds (`tf.random.set_seed`), not numpy's.
            event = None
        if event is None and name is not None and plain(name) in self.seeders:
            event = rng.Seed(("*",), "")  # a Trainer subclass of this file seeds in its constructor
        if event is None and any(a.keyword is not None and a.keyword.value == "do_sample" for a in node.args) \
                and rng.local_sampling(name, node):
            event = rng.Draw("torch", "generate", "do_sample=True", lazy=tail == "dict" or tail.endswith("Config"))  # a setting
        bound = named_lambda(self.ctx.parents)  # `f = lambda: random.random()`: runs when `f` is called
        events = self.scopes.setdefault(f"{self.module}.{bound}", []) if bound else self._events()
        if isinstance(func, cst.Attribute) and _calls_first(func.value):
            # `Agent(cfg).run()`: the receiver's calls run first; leave_Call moves this call's events after them.
            self._receivers.append((node, events, len(events), self.ordinal))
        if isinstance(event, rng.Seed):
            self.any_rng = True
            events.append(["s", self.ordinal, list(event.gens), event.callee])
        elif isinstance(event, rng.Draw):
            if self._harmless(event, node) or self._dummy_input(node):
                return
            self.any_rng = True
            self.toplevel = self.toplevel or (self.ctx.names.scope is self.ctx.names.module_scope and not bound)
            record = ["d", self.ordinal, event.gen, event.kind, event.label, int(event.lazy),
                      self._short_code(node, event)]
            events.append(record)
            if event.gen == "fresh":
                target = self._assigned_name()
                if target:
                    self._fresh[target] = (events, record)
        elif name is not None and tail in ("seed", "manual_seed") and node.args \
                and isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            # `rnd = random.Random(); rnd.seed(i)`: the generator made without a seed is seeded now.
            made = self._fresh.pop(func.value.value, None)
            if made is not None and made[1] in made[0]:
                made[0].remove(made[1])
        elif name is not None and self._candidate(name):
            events.append(["c", plain(name), self.ordinal])
        elif name is None and isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) \
                and func.value.value in ("self", "cls"):
            owner = self._owner_class()
            if owner:  # `self.fit()`: a method of the class being walked (or of a base class)
                events.append(["c", f"{self.module}.{owner}.{func.attr.value}", self.ordinal])
        runs_now = name is not None and plain(name) in _CLI_RUNNERS  # `fire.Fire(train)` calls `train` now
        if isinstance(func, cst.Name) and func.value in self._cli_commands:  # `app()` runs an `@app.command()`
            events.extend(["c", command, self.ordinal] for command in self._cli_commands[func.value])
        for arg in node.args:
            for value in runner_commands(arg.value) if runs_now else [arg.value]:
                if isinstance(value, cst.Name):  # a function passed by name: a callback
                    ref = self.ctx.names.qualified_name(value)
                    if ref is not None and "()" not in ref and self._candidate(ref):
                        events.append(["c" if runs_now else "r", plain(ref), self.ordinal])

    def leave_Call(self, node: cst.Call) -> None:
        if self._receivers and self._receivers[-1][0] is node:
            _, events, start, ordinal = self._receivers.pop()
            mine = [e for e in events[start:] if (e[2] if e[0] in ("c", "r") else e[1]) == ordinal]
            if mine and len(mine) < len(events) - start:
                events[start:] = [e for e in events[start:] if e not in mine] + mine

    def _candidate(self, name: str) -> bool:
        """Could `name` be a function or module of this repo (so worth recording as a call)?"""
        root = name.split(".", 1)[0].split("(", 1)[0]
        if not root or (root in _STDLIB and root != self.own_root):
            return False
        return root not in _EXTERNAL or root == self.own_root

    def _harmless(self, draw: rng.Draw, node: cst.Call | None = None) -> bool:
        """A draw that decides no result: retry jitter, a port, a load-balancing choice of server,
        examples shown only when asked (`if args.verbose:`), test code, a library fallback, or an
        in-place shuffle of colours (`random.shuffle(colors)`: only what a plot draws with)."""
        parents = self.ctx.parents
        if node is not None and node.args and _words(dotted(node.args[0].value) or "") & _HARMLESS_WORDS:
            return True
        if node is not None and self.ctx.module is not None and order_free(self.ctx.module, parents, node):
            return True  # each item gets its own output keyed by it, or one at a time: the order decides nothing
        if (draw.lazy and parents and isinstance(parents[-1], cst.Expr)) or platt_only(draw.label, self.ctx.text):
            return True  # `LogisticRegression()` alone: displayed, never fit; an SVM whose probabilities nobody reads
        scope = self.ctx.names.scope
        while scope is not None and scope.kind != "module":
            words = _words(scope.name)
            if words & _HARMLESS_FUNCTIONS:  # (`def test(model, loader)` is an evaluation: not skipped)
                return True
            scope = scope.parent
        for parent in parents:
            if isinstance(parent, cst.If) and _words(self.ctx.code(parent.test)) & _DISPLAY_WORDS:
                return True
            if draw.kind == "generate" and isinstance(parent, cst.If) and "%" in self.ctx.code(parent.test):
                return True  # `if step % 500 == 0:` a sample generated to watch training
        for parent in reversed(parents):
            if isinstance(parent, cst.Call):
                callee = parent.func
                tail = callee.attr.value if isinstance(callee, cst.Attribute) else callee.value if isinstance(callee, cst.Name) else ""
                if tail in ("sleep", "uuid4", "mkdtemp", "NamedTemporaryFile"):
                    return True
                if tail == "add_argument" and any(_words(str(a.value.evaluated_value)) & _HARMLESS_WORDS for a in parent.args
                                                  if isinstance(a.value, cst.SimpleString)):
                    return True  # `add_argument("--seed", default=random.randint(...))`: the seed is chosen, and recorded
            elif isinstance(parent, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
                targets = parent.targets if isinstance(parent, cst.Assign) else [parent]
                text = " ".join((dotted(t.target) or "") for t in targets)
                if _words(text) & _HARMLESS_WORDS:
                    return True
                break
            elif isinstance(parent, cst.SimpleStatementLine):
                break
        if draw.kind == "fresh":
            # `rng = rng or np.random.default_rng()`, `if rng is None: rng = default_rng()`:
            # the caller decides; only a program that passes nothing is unseeded.
            for parent in reversed(parents):
                if isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.Or):
                    return True
                if isinstance(parent, (cst.If, cst.IfExp)) and "None" in self.ctx.code(parent.test):
                    return True
                if isinstance(parent, (cst.Param, cst.FunctionDef)):
                    return isinstance(parent, cst.Param)
        return False

    def _dummy_input(self, node: cst.Call) -> bool:
        """`torch.randn(1, 3, 32, 32)` (all arguments integer literals) in a `test()`: a shape check, no result."""
        if not node.args or not all(isinstance(a.value, cst.Integer) and a.keyword is None for a in node.args):
            return False
        scope = self.ctx.names.scope
        while scope is not None and scope.kind != "module":
            if re.fullmatch(r"_?test(_\w*)?|\w+_test", scope.name.lower()):
                return True
            scope = scope.parent
        return False

    def _short_code(self, node: cst.Call, draw: rng.Draw) -> str:
        """The call as written when it is short, else its callee: what a message can quote."""
        code = " ".join(self.ctx.code(node).split())
        if len(code) <= _MAX_CODE:
            return code
        callee = dotted(node.func) if isinstance(node.func, (cst.Name, cst.Attribute)) else None
        if draw.kind in ("loader", "generate") or callee is None:
            return draw.label if callee is None else f"{callee}({draw.label.split('(', 1)[-1].rstrip(')') or '...'})"
        return f"{callee}(...)"

    def finish(self) -> None:
        scopes = {k: v for k, v in self.scopes.items() if v}
        purpose = file_purpose(self.ctx.path, self.signals, self.ctx.notebook)
        if not scopes and not self.entry and not self.toplevel and not purpose and not self.seeders:
            return
        self.ctx.facts["rng"] = {
            "module": self.module, "entry": self.entry, "toplevel": self.toplevel,
            "test": is_test_path(self.ctx.path), "service": self.service, "main": self.main, "trains": self.signals.trains,
            "scopes": scopes, "classes": self.classes, "purpose": purpose,
            "loads": self.signals.loads_weights, "seeders": self.seeders, "bases": self.bases,
            "relative_imports": sorted(set(self.relative_imports)), "workers": self.workers, "pretrained": self.pretrained,
            "reads": self.signals.reads,
            "measures": self.signals.result_scopes(), "saves": self.signals.saves_weights,
            **({"steps": self.steps} if self.steps else {})}
