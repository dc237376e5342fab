"""The file part of the eval-mode analysis: ordered events about model-like objects, per function.

Two rules (EVAL001, EVAL002) read the same analysis, so they share one `Collector` per file
(`collector_for(ctx)` in `rule.py`, kept in `ctx.memo`): both name it in their `walkers`, so the
shared walk visits it once, and the rules themselves are not walked. What it records becomes the
JSON fact `evalmode` of the file, which `hygiene.analysis.evalmode.resolve` reads in the repo phase.

A frame (a function, or the module body) records events in source order, each with the loops it
sits in:
    new    `t = Net()` (fresh: training mode), `from_pretrained` (loaded: eval mode), anything else
    alias  `t = other`, `t = DataParallel(other)`, `t = other.to(device)`
    mode   `t.train()`, `t.eval()`, `t.train(False)`; `var` for `t.train(flag)`
    grad   `torch.set_grad_enabled(False)` as a statement
    call   a call to a function or method that may be defined in the repo, with the targets passed
           (`predict(x)` after `predict = Predictor(net)` calls `Predictor.__call__`)
    fwd    `t(...)`, `t.forward(...)`, `t.generate(...)` inside an evaluation, with the gradient
           state of its own frame (`off` under `torch.no_grad()`, `on` under `enable_grad`, None:
           whatever the caller had)
A forward call is inside an evaluation when its function is one (named for evaluation, validation,
testing or prediction, or computing a metric, and never stepping an optimizer), when a loop over
evaluation data (`test_loader`, `loaders["val"]`) holds it, or when its input is evaluation data
(`model(X_test)`); never inside a loop that trains.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from hygiene.analysis.apis import plain, torch as torch_api
from hygiene.analysis.apis.torch import name_tokens
from hygiene.context import FileContext
from hygiene.analysis.names import dotted
from hygiene.discovery import is_test_path as is_test_file
from hygiene.analysis.evalmode.events import RETURN, CallEvents
from hygiene.analysis.evalmode.reasons import reason, script_evaluates
from hygiene.analysis.evalmode.words import (
    EVAL_FUNCTION_WORDS, FACT_KEY, GRAD_WORDS, KEY, METRIC_TARGET_WORDS, bool_literal,
    constant_iterable, eval_word, keeps_tensor, looks_predicted, names_bound, recalibrates, root_name, trains_by_name, words_in,
)


@dataclass
class _Frame:
    node: cst.CSTNode | None
    qualname: str
    name: str
    cls: str = ""
    params: list[str] = field(default_factory=list)
    free: list[str] = field(default_factory=list)  # parameters annotated with a mode-free library model
    deco: str | None = None
    skip: bool = False
    recal: bool = False  # re-estimates batch-norm statistics: training mode on purpose (`words.recalibrates`)
    evalname: bool = False
    hook: bool = False  # a framework's callback hook: its name (`on_step_end`) says when, not that it trains
    events: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int | None] = field(default_factory=list)  # the line of each event
    loops: list[dict[str, Any]] = field(default_factory=list)
    loop_places: list[dict[str, Any]] = field(default_factory=list)  # where each loop starts
    loop_stack: list[int] = field(default_factory=list)
    grad_stack: list[str | None] = field(default_factory=list)
    grad_stmt: str | None = None
    train: bool = False
    metric: bool = False
    graduse: bool = False
    detaches: bool = False  # a loop detaches outputs (`model(x).detach().numpy()`)
    keeps: list[list[int]] = field(default_factory=list)  # loop stacks where tensors are added up (`total += loss`)
    local_defs: dict[str, str] = field(default_factory=dict)
    # (fwd event, top statement node) until the frame ends and reasons are known.
    pending: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    line: int | None = None
    made_up: set[str] = field(default_factory=set)  # names bound to made-up tensors (`torch.rand(...)`)
    loaded: set[str] = field(default_factory=set)  # models given trained weights here (`trained.weights_loaded_into`)
    held: set[str] = field(default_factory=set)  # names bound to a batch drawn from a held-out loader (`next(test_iter)`)


@dataclass
class _Class:
    qualname: str
    framework: bool
    bases: list[str]
    uses: set[str] = field(default_factory=set)
    mode_dependent: bool = False
    unread: set[str] = field(default_factory=set)  # `words.unread_layers`, from `layers.LayerReads`


class Collector(CallEvents):
    """One per file; see the module docstring."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.enabled = ctx.module is not None and not is_test_file(ctx.path)
        self.module = ctx.names.module_name if ctx.names is not None else ""
        self.root_package = self.module.split(".", 1)[0]
        self.frames: list[_Frame] = [_Frame(ctx.module, f"{self.module}.<module>", "<module>")]
        self.done: list[_Frame] = []
        self.classes: list[_Class] = []
        self.plain_classes: set[str] = set()  # classes without a base: not modules
        self.class_stack: list[_Class] = []
        # Scope stack of ("class", _Class) / ("frame", _Frame), for qualified names of methods.
        self.scopes: list[tuple[str, Any]] = []
        self.module_methods: set[str] = set()
        self.walk_owner: object = None  # the first rule that reads it: an error in it costs that rule
        self._finished = False

    @property
    def frame(self) -> _Frame:
        return self.frames[-1]

    def _event(self, kind: str, node: cst.CSTNode | None, **fields: Any) -> dict[str, Any]:
        event = {"k": kind, "l": list(self.frame.loop_stack), **fields}
        self.frame.events.append(event)
        # Lines are taken now, while the walk is at the node: later it would cost positions.
        self.frame.lines.append(self.ctx.line_here(node) if node is not None else None)
        return event

    def _grad_here(self) -> str | None:
        frame = self.frame
        for state in reversed(frame.grad_stack):
            if state is not None:
                return state
        return frame.grad_stmt or frame.deco

    def _qualified(self, expr: cst.CSTNode) -> str | None:
        return self.ctx.names.qualified_name(expr)

    def _mark_training(self) -> None:
        self.frame.train = True
        for index in self.frame.loop_stack:
            self.frame.loops[index]["train"] = True

    # -- scopes ---------------------------------------------------------------------------------
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        bases = []
        for arg in node.bases:
            name = self._qualified(arg.value) or (dotted(arg.value) if isinstance(arg.value, (cst.Name, cst.Attribute)) else None)
            if name:
                bases.append(plain(name))
        prefix = self._scope_prefix()
        # `unread` is set when the walk leaves the class (`layers.LayerReads`, walked just after this).
        info = _Class(f"{prefix}.{node.name.value}", any(b.startswith(torch_api.FRAMEWORK_PREFIXES) for b in bases), bases)
        if not bases or bases == ["object"]:
            self.plain_classes.add(info.qualname)
        self.classes.append(info)
        self.class_stack.append(info)
        self.scopes.append(("class", info))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.class_stack.pop()
        self.scopes.pop()

    def _scope_prefix(self) -> str:
        if not self.scopes:
            return self.module
        kind, info = self.scopes[-1]
        return info.qualname

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        owner = self.scopes[-1][1] if self.scopes and self.scopes[-1][0] == "class" else None
        qualname = f"{self._scope_prefix()}.{node.name.value}"
        if self.scopes and self.scopes[-1][0] == "frame":
            self.frame.local_defs[node.name.value] = qualname
        params = node.params
        names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
        words = set(name_tokens(node.name.value))
        hook = owner is not None and node.name.value in torch_api.TRAINING_CALLBACK_HOOKS and "model" in names \
            and bool(torch_api.TRAINING_CALLBACK_BASES & set(owner.bases))  # given the model in training mode
        frame = _Frame(node, qualname, node.name.value, cls=owner.qualname if owner else "", params=names,
                       deco=self._decorator_grad(node),
                       skip=owner is not None and not hook and (owner.framework or (
                           node.name.value in torch_api.FRAMEWORK_EVAL_HOOKS and bool(owner.bases))),
                       evalname=bool(words & EVAL_FUNCTION_WORDS) and not trains_by_name(words)
                       or owner is None and script_evaluates(node.name.value, self.ctx.path), hook=hook,
                       graduse=bool(words & GRAD_WORDS), line=self.ctx.line_here(node))
        frame.free = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)
                      if p.annotation and torch_api.mode_free_library(self._qualified(p.annotation.annotation))]
        self.frames.append(frame)
        self.scopes.append(("frame", frame))
        if hook:
            self._event("mode", node, t="model", s="train", via=None,
                        say=f"the Trainer handing `{node.name.value}` its model between training steps")

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        frame = self.frames.pop()
        self.scopes.pop()
        self._close(frame)

    def _decorator_grad(self, node: cst.FunctionDef) -> str | None:
        for decorator in node.decorators:
            expr = decorator.decorator
            state = self._grad_context(expr.func if isinstance(expr, cst.Call) else expr, expr)
            if state is not None:
                return state
        return None

    def _grad_context(self, func: cst.BaseExpression, whole: cst.BaseExpression) -> str | None:
        name = self._qualified(func)
        bare = plain(name) if name else ""
        if bare in torch_api.NO_GRAD:
            return "off"
        if bare in torch_api.ENABLE_GRAD:
            self.frame.graduse = True
            return "on"
        if bare in torch_api.GRAD_SWITCH and isinstance(whole, cst.Call):
            flag = bool_literal(whole.args[0].value) if whole.args else None
            return "on" if flag is True else "off"
        text = dotted(func) if isinstance(func, (cst.Name, cst.Attribute)) else None
        if text and ("no_grad" in text or "inference_mode" in text):
            return "off"
        return None

    # -- loops and contexts ---------------------------------------------------------------------
    def _enter_loop(self, node: cst.CSTNode, iterable: cst.CSTNode | None) -> None:
        frame = self.frame
        words = words_in(iterable) if iterable is not None else []
        frame.loops.append({"eval": any(eval_word(w) for w in words), "train": False,
                            "about": next((w.removeprefix(KEY) for w in words if eval_word(w)), ""),
                            "const": constant_iterable(iterable), "vars": []})
        frame.loop_places.append(self._where(node))
        frame.loop_stack.append(len(frame.loops) - 1)

    def visit_For(self, node: cst.For) -> None:
        self._enter_loop(node, node.iter)
        self.frame.loops[-1]["vars"] = names_bound(node.target)
        for element in names_bound(node.target):
            self._event("new", node, t=element, how="opaque", ctor=None)
            self.frame.held.discard(element)

    def leave_For(self, node: cst.For) -> None:
        self.frame.loop_stack.pop()

    def visit_While(self, node: cst.While) -> None:
        self._enter_loop(node, None)

    def leave_While(self, node: cst.While) -> None:
        self.frame.loop_stack.pop()

    def visit_With(self, node: cst.With) -> None:
        state = None
        for item in node.items:
            expr = item.item
            found = self._grad_context(expr.func if isinstance(expr, cst.Call) else expr, expr)
            state = found or state
        self.frame.grad_stack.append(state)

    def leave_With(self, node: cst.With) -> None:
        self.frame.grad_stack.pop()

    # -- calls ----------------------------------------------------------------------------------
    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, (cst.Name, cst.Attribute)):
            text = dotted(node.target) or ""
            if set(name_tokens(text.rsplit(".", 1)[-1])) & METRIC_TARGET_WORDS:
                self.frame.metric = True
        if self.frame.loop_stack and isinstance(node.operator, cst.AddAssign) and keeps_tensor(node.value, self.ctx.code(node.value)):
            self.frame.keeps.append(list(self.frame.loop_stack))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if not any(isinstance(c.operator, cst.Equal) for c in node.comparisons):
            return
        parts = [node.left, *(c.comparator for c in node.comparisons)]
        if any(looks_predicted(p) for p in parts):
            self.frame.metric = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "training" and isinstance(node.value, cst.Name) and node.value.value == "self":
            if self.class_stack:
                self.class_stack[-1].mode_dependent = True
        elif node.attr.value == "grad":
            self.frame.graduse = True
        elif recalibrates(node, self.ctx.parents[-1] if self.ctx.parents else None):
            self.frame.recal = True

    # -- the end of a frame, the end of the file ------------------------------------------------
    def _close(self, frame: _Frame) -> None:
        """Decide which forward calls are inside an evaluation, now that the frame is complete."""
        is_function = frame.node is not None and not isinstance(frame.node, cst.Module)
        anchors: dict[int, dict[str, Any]] = {}
        for event, top in frame.pending:
            event["why"], loop = reason(frame, event, is_function, self.plain_classes)
            if loop is not None:
                event["about"], top = frame.loops[loop]["about"], frame.loop_places[loop]
            event.pop("w", None)
            if event["why"]:
                anchors[id(event)] = top
        kept = [(e, n) for e, n in zip(frame.events, frame.lines) if e["k"] != "fwd" or e["why"]]
        for event, _ in kept:  # the code of the forward calls kept (generating every call's cost 0.6%)
            if event["k"] == "fwd" and isinstance(event["code"], cst.CSTNode):
                event["code"] = self.ctx.code(event["code"])[:120]
        frame.events = [e for e, _ in kept]
        frame.lines = [n for _, n in kept]
        frame.pending = [(e, anchors[id(e)]) for e in frame.events if id(e) in anchors]
        self.done.append(frame)

    def finish(self) -> None:
        if not self.enabled or self._finished:
            return
        self._finished = True
        while self.frames:
            self._close(self.frames.pop())
        interesting = self._interesting()
        frames = []
        located = any(frame.pending or frame.events for frame in self.done)
        for frame in self.done:
            kept = [(e, n) for e, n in zip(frame.events, frame.lines)
                    if e["k"] in ("fwd", "mode", "frozen", "call") or root_name(e["t"]) in interesting
                    or _made_attribute(frame, e)]
            if not kept:
                continue
            if located:
                for event, line in kept:
                    if line is not None:
                        event["line"] = line
                for event, top in frame.pending:
                    event["call_line"] = event.get("line")
                    event.update(top)
            record = {
                "q": frame.qualname, "name": frame.name, "cls": frame.cls, "params": frame.params,
                "deco": frame.deco, "train": frame.train, "graduse": frame.graduse, "skip": frame.skip,
                "keeps": frame.keeps, "free": frame.free,
                "loops": [{"eval": loop["eval"], "train": loop["train"], "const": loop["const"], "vars": loop["vars"]}
                          for loop in frame.loops],
                "events": [e for e, _ in kept],
            }
            if located and frame.node is not None and not isinstance(frame.node, cst.Module):
                record["line"] = frame.line
            frames.append(record)
        classes = [{"q": c.qualname, "bases": c.bases, "uses": sorted(u for u in c.uses if u.rsplit(".", 1)[-1] not in c.unread), "dep": c.mode_dependent}
                   for c in self.classes if c.bases]
        # Classes with no base (a dataclass of results, a helper): not modules; see `Analysis.plain_free`.
        plain = [{"q": c.qualname, "uses": sorted(c.uses), "dep": c.mode_dependent} for c in self.classes if not c.bases]
        if frames or classes:
            self.ctx.facts[FACT_KEY] = {"module": self.module, "frames": frames, "classes": classes, "plain": plain,
                                        "module_methods": sorted(self.module_methods),
                                        # Cells that did not parse may hold the `.eval()` we miss.
                                        "partial": bool(self.ctx.notebook is not None and self.ctx.notebook.skipped)}

    def _interesting(self) -> set[str]:
        """Roots of the targets that matter: called forward, switched, or passed to a function."""
        roots: set[str] = {RETURN}
        aliases: list[tuple[str, str]] = []
        for frame in self.done:
            for event in frame.events:
                kind = event["k"]
                if event.get("t", "").startswith(RETURN):  # `<return>#0`: a position of a returned tuple
                    roots.add(event["t"])
                if kind in ("fwd", "mode", "frozen"):
                    roots.add(root_name(event["t"]))
                elif kind == "call":
                    roots.update(root_name(a) for a in event["a"] if a)
                    roots.update(root_name(a) for a in event["kw"].values())
                elif kind == "alias" and event["src"]:
                    aliases.append((root_name(event["t"]), root_name(event["src"])))
                elif kind == "new" and "a" in event:  # `ev = Evaluator(net)`: `ev.model` may be `net`
                    aliases += [(root_name(event["t"]), root_name(a)) for a in [*event["a"], *event["kw"].values()] if a]
        changed = True
        while changed:
            changed = False
            for target, source in aliases:
                if target in roots and source not in roots:
                    roots.add(source)
                    changed = True
        return roots

    def _where(self, node: cst.CSTNode) -> dict[str, Any]:
        line = self.ctx.raw_line_here(node)
        if line is None:
            return {"line": None}
        if self.ctx.notebook is not None:
            cell, cell_line, joined = self.ctx.notebook.locate(line)
            return {"line": joined, "cell": cell, "cell_line": cell_line}
        return {"line": line}



def _made_attribute(frame: _Frame, event: dict[str, Any]) -> bool:
    """`self.model = alexnet()` in a constructor: the object's callers may run `loader.model`, so
    the mode the constructor leaves it in is kept (`resolve` reads it for `NetLoader(...).model`)."""
    return frame.name == "__init__" and event["k"] == "new" and event.get("how") in ("fresh", "loaded") \
        and event["t"].startswith("self.") and event["t"].count(".") == 1
