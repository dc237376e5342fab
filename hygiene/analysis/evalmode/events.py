"""The collector's handlers for calls and assignments: forward calls, mode switches, calls into
the repo, and what each assignment binds (see `hygiene.analysis.evalmode.collect` for the events)."""
from __future__ import annotations

from typing import Any

import libcst as cst

from hygiene.analysis.apis import plain, torch as torch_api
from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.names import dotted
from hygiene.analysis.evalmode.dispatch import dispatched, note_table
from hygiene.analysis.evalmode.madeup import made_up
from hygiene.analysis.evalmode.sampling import called_function, in_training_branch, periodic_test_branch, restores_mode, samples_on_purpose
from hygiene.analysis.evalmode.submodules import submodule_of
from hygiene.analysis.evalmode.trained import weights_loaded_into
from hygiene.walk import iter_nodes
from hygiene.analysis.evalmode.words import (
    GRAD_WORDS,
    METRIC_TARGET_WORDS,
    OPTIMIZER_WORDS,
    EXTERNAL_ROOTS,
    bool_literal,
    drawn_from_held_out,
    eval_word,
    keeps_tensor,
    names_bound,
    root_name,
    words_in,
    model_target,
)


RETURN = "<return>"


class CallEvents:
    """Mixin of `Collector`: the handlers that turn calls and assignments into events."""

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = self._qualified(func)
        bare = plain(name) if name else None
        if self.class_stack:
            self._class_use(node, func, bare)
        frame = self.frame
        if isinstance(func, cst.Attribute):
            self._method_call(node, func)
        text = dotted(func) if isinstance(func, (cst.Name, cst.Attribute)) else None
        # The switch first: `set_grad_enabled` has "grad" in its name but uses no gradients.
        if bare in torch_api.GRAD_SWITCH:
            if not (self.ctx.parents and isinstance(self.ctx.parents[-1], cst.WithItem)):
                flag = bool_literal(node.args[0].value) if node.args else None
                frame.grad_stmt = "on" if flag is True else "off"
        elif bare in torch_api.NO_GRAD or text and ("no_grad" in text or "inference_mode" in text):
            pass  # switches gradients off (`with torch.no_grad():`): "grad" in its name, no gradients used
        elif bare in torch_api.GRAD_USERS or (text and set(name_tokens(".".join(text.split(".")[-2:]))) & GRAD_WORDS):
            frame.graduse = True
        elif bare and bare.startswith(("sklearn.metrics.", "torchmetrics.")):
            frame.metric = True
        if any(a.keyword is not None and a.keyword.value == "volatile" and bool_literal(a.value) for a in node.args):
            frame.grad_stmt = "off"  # `Variable(x, volatile=True)`: PyTorch <= 0.3's no_grad
        if (loaded := weights_loaded_into(node)) is not None:
            frame.loaded.add(root_name(loaded))  # trained weights: what runs it later is inference
        self._forward(node, func, name)
        self._call_event(node, func, name)

    def visit_Yield(self, node: cst.Yield) -> None:
        self.frame.__dict__["yielded"] = True  # a context manager: what follows runs when its `with` ends

    def _class_use(self, node: cst.Call, func: cst.BaseExpression, bare: str | None) -> None:
        info = self.class_stack[-1]
        if bare in torch_api.MODE_DEPENDENT_FUNCTIONS:
            # `F.dropout(x, training=self.training)` follows the module's mode; `F.batch_norm(...,
            # training=bn_training)` a flag its caller passes, and without the flag the function's
            # default: neither changes with `.eval()`.
            if any(isinstance(n, cst.Attribute) and n.attr.value == "training"
                   or isinstance(n, cst.Name) and n.value == "training" for a in node.args for n in iter_nodes(a.value)):
                info.mode_dependent = True
        elif bare in torch_api.MODE_FREE_UNLESS_DROPOUT:
            dropout = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "dropout"), None)
            positional = [a for a in node.args if a.keyword is None]
            if len(positional) > 5 or (dropout is not None and not (
                    isinstance(dropout, (cst.Integer, cst.Float)) and float(dropout.evaluated_value) == 0)):
                info.mode_dependent = True
            info.uses.add(bare)
        elif bare and bare.rsplit(".", 1)[-1][:1].isupper():
            info.uses.add(bare)
        elif bare is None and isinstance(func, cst.Name) and func.value[:1].isupper():
            info.uses.add(torch_api.runtime_import(self.ctx.text, func.value) or "?" + func.value)

    def _method_call(self, node: cst.Call, func: cst.Attribute) -> None:
        method = func.attr.value
        receiver = func.value
        frame = self.frame
        if method == "detach" and frame.loop_stack:
            frame.detaches = True  # outputs taken out of the graph in a loop: inference, unless it trains
        if method in ("append", "extend") and frame.loop_stack and len(node.args) == 1 \
                and keeps_tensor(node.args[0].value, self.ctx.code(node.args[0].value)):
            frame.keeps.append(list(frame.loop_stack))  # `outputs.append(model(x))`: each graph stays in the list
        # `finetuner.train()` of a class of the repo is a call (recorded as one), not nn.Module's.
        qualified = self._qualified(func)
        via = plain(qualified) if qualified and "()" in qualified and not qualified.startswith("torch.") else None
        if method == "eval" and not node.args:
            target = model_target(receiver)
            if target:
                self._event("mode", node, t=target, s="eval", via=via)
                self.module_methods.add(target)
        elif method == "train":
            target = model_target(receiver)
            if target:
                if not node.args:
                    state = "train"
                else:
                    arg = node.args[0]
                    flag = bool_literal(arg.value)
                    if arg.keyword is not None and arg.keyword.value != "mode":
                        return  # not nn.Module.train (gensim, fastText, ...)
                    if flag is None and arg.keyword is None and not isinstance(arg.value, (cst.Name, cst.Attribute)):
                        return
                    state = "var" if flag is None else ("train" if flag else "eval")
                if restores_mode(self.ctx.parents, frame.__dict__.get("yielded", False)):
                    state = "var"  # `if was_training: model.train()`: the caller's mode, put back
                self._event("mode", node, t=target, s=state, via=via)
                self.module_methods.add(target)
        elif method == "requires_grad_":
            target = model_target(receiver)
            flag = bool_literal(node.args[0].value) if node.args else True
            if flag is False and target:
                self._event("frozen", node, t=target)
            else:
                frame.graduse = True
        elif method in ("backward", "manual_backward", "zero_grad"):
            self._mark_training()
            frame.graduse = True
        elif method == "step":
            words = set(name_tokens(dotted(receiver) or "")) if isinstance(receiver, (cst.Name, cst.Attribute)) else set()
            for arg in node.args:
                if isinstance(arg.value, (cst.Name, cst.Attribute)):
                    words |= set(name_tokens(dotted(arg.value) or ""))
            if words & OPTIMIZER_WORDS:
                self._mark_training()
        elif method == "eq":
            frame.metric = True
        if method in torch_api.MODULE_METHODS:
            target = model_target(receiver)
            if target:
                self.module_methods.add(target)

    def _forward(self, node: cst.Call, func: cst.BaseExpression, name: str | None) -> None:
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.WithItem) and parent.item is node:
            return  # `with model.forward(...) as runner:`: a tracing context (nnsight), not a forward pass
        generate = False
        if isinstance(func, cst.Attribute) and func.attr.value in ("forward", "generate", *torch_api.ENCODER_METHODS):
            target = model_target(func.value)
            generate = func.attr.value == "generate"  # (`encode_image`: a forward pass of a CLIP-style model)
            if target is None:
                return
            qualified = self._qualified(func.value)
            if qualified is not None and "()" not in qualified:
                return
        elif isinstance(func, cst.Attribute):
            # `self.encoder(x)`, `model.module(x)`; not `images.to(device)` or `net.load_state_dict(s)`.
            target = dotted(func)
            if target is None or not torch_api.model_like_name(func.attr.value) or func.attr.value[:1].isupper() \
                    or name is not None and "()" not in name and self._qualified(func.value) is not None:
                return  # (`define.define_classifier(...)`: a function of an imported module, not a forward call)
        else:
            if not isinstance(func, (cst.Name, cst.Attribute)):
                return
            if name is not None and ("()" not in name or name.startswith("builtins.")):
                return  # a function or class, not an object being called
            target = dotted(func)
            if target is None or target.rsplit(".", 1)[-1][:1].isupper() or called_function(target):
                return  # `Net(...)` makes an object; calling one is lower case by convention
        if any(a.keyword is not None and a.keyword.value == "training" for a in node.args):
            return  # Keras-style call that states its mode
        if samples_on_purpose(node, self.ctx.parents):
            return  # Monte Carlo prediction: `forward(x, sample=True)`, repeated passes averaged
        if in_training_branch(self.ctx.parents, target):
            return  # `if model.training: out = model(x) else: ...`: the code branches on the mode itself
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if positional and all(made_up(a, self._qualified, self.frame.made_up) for a in positional):
            return  # `net(torch.rand(8, 3, 32, 32))`: a shape or timing check on made-up inputs scores nothing
        if set(name_tokens(target.rsplit(".", 1)[-1])) & torch_api.NOT_MODEL_WORDS:
            return
        data = any(eval_word(w) for a in node.args for w in words_in(a.value))
        held = self.frame.held and any(n.value in self.frame.held for a in node.args for n in iter_nodes(a.value)
                                       if isinstance(n, cst.Name)) and periodic_test_branch(self.ctx.parents, self.ctx.code)
        comprehension = any(isinstance(p, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)) for p in self.ctx.parents)
        event = self._event("fwd", node, t=target, g="off" if generate else self._grad_here(), data=data,
                            gen=generate, comp=comprehension, code=node)  # its code once kept: `Collector._close`
        if held:
            event["hb"] = True  # its input is a batch drawn from a held-out loader: `reasons.reason` reads it
        if root_name(target) in self.frame.loaded:
            event["w"] = True  # after trained weights were loaded into it: `reasons.reason` reads it, `_close` drops it
        self.frame.pending.append((event, self._where(node if held else self._top_statement())))

    def _top_statement(self) -> cst.CSTNode:
        parents = self.ctx.parents
        owner = self.frame.node
        for index in range(len(parents) - 1, -1, -1):
            if parents[index] is owner:
                offset = 1 if isinstance(owner, cst.Module) else 2
                return parents[min(index + offset, len(parents) - 1)]
        return parents[-1] if parents else owner  # type: ignore[return-value]

    def _call_event(self, node: cst.Call, func: cst.BaseExpression, name: str | None) -> None:
        callee, receiver = self._callee(func, name)
        if callee is None:
            return
        root = callee.split(".", 1)[0]
        if root in EXTERNAL_ROOTS and root != self.root_package:
            return
        args: list[str | None] = [receiver] if receiver is not None else []
        kwargs: dict[str, str] = {}
        for arg in node.args:
            if arg.star:
                continue
            target = model_target(arg.value) or self._made_attribute(arg.value, node)
            if arg.keyword is not None:
                if target:
                    kwargs[arg.keyword.value] = target
            else:
                args.append(target)
        self._event("call", node, f=callee, a=args, kw=kwargs, g=self._grad_here(), bound=receiver is not None)

    def _callee(self, func: cst.BaseExpression, name: str | None) -> tuple[str | None, str | None]:
        if isinstance(func, cst.Name):
            for frame in reversed(self.frames):
                if func.value in frame.local_defs:
                    return frame.local_defs[func.value], None
            if name is None:
                return "?" + func.value, None  # bound by a star import, or undefined here
            if "()" in name:  # `predict(x)` after `predict = Predictor(net)`: its class's `__call__`
                return (f"{plain(name[:-2])}.__call__", func.value) if name.endswith("()") else (None, None)
            return name, None
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            receiver = func.value
            if isinstance(receiver, cst.Name) and receiver.value == "self":
                owner = next((info for kind, info in reversed(self.scopes) if kind == "class"), None)
                if owner is not None:
                    return f"{owner.qualname}.{method}", "self"
            if name is None:
                return None, None
            if name.endswith("()." + method):
                return f"{plain(name[: -len(method) - 1])}.{method}", model_target(receiver) or self._made_object(receiver, func)
            if "()" not in name:
                return name, None
        return None, None

    # -- bindings and metric evidence -----------------------------------------------------------

    def leave_Assign(self, node: cst.Assign) -> None:
        # A batch drawn from a held-out loader and the names computed from it, until bound to something else.
        held = drawn_from_held_out(node.value) or any(n.value in self.frame.held for n in iter_nodes(node.value) if isinstance(n, cst.Name))
        for assign_target in node.targets:
            for element in names_bound(assign_target.target):
                (self.frame.held.add if held else self.frame.held.discard)(element)
        for assign_target in node.targets:
            target = assign_target.target
            if isinstance(target, (cst.Name, cst.Attribute)):
                text = dotted(target)
                if text is None:
                    continue
                if text.endswith(".requires_grad"):
                    self.frame.graduse = self.frame.graduse or bool_literal(node.value) is not False
                    continue
                self._bind(text, node.value, node)
                note_table(self, text, node.value)
                if isinstance(target, cst.Name):
                    made = made_up(node.value, self._qualified, self.frame.made_up)
                    (self.frame.made_up.add if made else self.frame.made_up.discard)(text)
                if set(name_tokens(text.rsplit(".", 1)[-1])) & METRIC_TARGET_WORDS:
                    self.frame.metric = True
            elif not self._unpack_call(target, node):
                passed = {model_target(a.value) for a in node.value.args} if isinstance(node.value, cst.Call) else set()
                for element in names_bound(target):
                    if element not in passed:
                        self._event("new", node, t=element, how="opaque", ctor=None)

    def _unpack_call(self, target: cst.BaseExpression, node: cst.Assign) -> bool:
        """`model, _, preprocess = create_model_and_transforms(...)`, `net, tf = load(...)`: each name is
        the call's result at its position (`slot`): a library factory's module at its known position, or
        what a repo function returns there (`return model, transform`), which `factory_made` reads."""
        call = node.value
        if not isinstance(target, (cst.Tuple, cst.List)) or not isinstance(call, cst.Call) \
                or any(not isinstance(e.value, cst.Name) for e in target.elements):
            return False
        name = self._qualified(call.func) or dispatched(self, call.func)
        bare = plain(name) if name else None
        if not bare or "()" in (name or ""):
            return False
        library = torch_api.TUPLE_MODULE_FACTORIES.get(bare)
        for slot, element in enumerate(target.elements):
            text = element.value.value  # type: ignore[attr-defined]
            if library is not None:
                fresh = slot == library
                self._event("new", node, t=text, how="fresh" if fresh else "opaque", ctor=bare if fresh else None)
            else:
                self._event("new", node, t=text, how="fresh", ctor=bare, slot=slot)
        return True

    def leave_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None and isinstance(node.target, (cst.Name, cst.Attribute)):
            text = dotted(node.target)
            if text:
                self._bind(text, node.value, node)

    def leave_Return(self, node: cst.Return) -> None:
        """What a function returns is bound to `<return>`: a factory (`def make_net(): return
        nn.Sequential(...)`) hands its callers a fresh module, in training mode."""
        if node.value is not None and self.frame.name != "<module>":
            self._bind(RETURN, node.value, node)
            if isinstance(node.value, cst.Tuple):  # `return model, transform`: each position (`_unpack_call`)
                for slot, element in enumerate(node.value.elements):
                    if not isinstance(element, cst.StarredElement):
                        self._bind(f"{RETURN}#{slot}", element.value, node)

    def _bind(self, target: str, value: cst.BaseExpression, node: cst.CSTNode) -> None:
        modes: list[str] = []
        expr = value
        while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) \
                and expr.func.attr.value in torch_api.MODULE_PASSTHROUGH:
            if expr.func.attr.value == "eval" and not expr.args:
                modes.append("eval")
            elif expr.func.attr.value == "train":
                flag = bool_literal(expr.args[0].value) if expr.args else True
                modes.append("var" if flag is None else ("train" if flag else "eval"))
            expr = expr.func.value
        part_of = submodule_of(expr) or self._made_attribute(expr, node)
        if part_of or isinstance(expr, (cst.Name, cst.Attribute)):
            self._event("alias", node, t=target, src=part_of or dotted(expr))
        elif isinstance(expr, cst.Call):
            name = self._qualified(expr.func) or dispatched(self, expr.func)
            bare = plain(name) if name else None
            wrapped = model_target(expr.args[0].value) if expr.args else None
            is_prepare = isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "prepare"
            if wrapped and (bare in torch_api.MODULE_WRAPPERS or is_prepare):
                self._event("alias", node, t=target, src=wrapped)
            elif bare and bare.endswith(torch_api.EVAL_MODE_LOADERS):
                self._event("new", node, t=target, how="loaded", ctor=bare)
            elif name is not None and "()" not in name:
                event = self._event("new", node, t=target, how="fresh", ctor=bare)
                if bare in torch_api.CONTAINERS:
                    event["dep"] = self._container_mode_dependent(expr)
                else:
                    self._handed(event, expr)
            else:
                self._event("new", node, t=target, how="opaque", ctor=None)
        else:
            self._event("new", node, t=target, how="opaque", ctor=None)
        for state in reversed(modes):
            self._event("mode", node, t=target, s=state)

    def _made_attribute(self, expr: cst.BaseExpression, node: cst.CSTNode) -> str | None:
        """`NetLoader(name).model`: an attribute of an object made on the spot, recorded as a fresh
        object (`<made3>`, whose constructor `resolve` reads) and its attribute (`<made3>.model`)."""
        if not isinstance(expr, cst.Attribute):
            return None
        made = self._made_object(expr.value, node)
        return f"{made}.{expr.attr.value}" if made else None

    def _made_object(self, expr: cst.BaseExpression, node: cst.CSTNode) -> str | None:
        """`Evaluator(net, loader)` made on the spot (its method called, an attribute read): recorded
        as a fresh object `<made3>` with what its constructor was handed."""
        if not isinstance(expr, cst.Call):
            return None
        name = self._qualified(expr.func)
        if not name or "()" in name or not name.rsplit(".", 1)[-1][:1].isupper():
            return None
        made = f"<made{len(self.frame.events)}>"
        self._handed(self._event("new", node, t=made, how="fresh", ctor=plain(name)), expr)
        return made

    @staticmethod
    def _handed(event: dict[str, Any], call: cst.Call) -> None:
        """`Evaluator(net, loader)`: what the constructor is handed (it may keep `net` as `self.model`)."""
        if any(model_target(a.value) for a in call.args if not a.star):
            event["a"] = [model_target(a.value) for a in call.args if a.keyword is None and not a.star]
            event["kw"] = {a.keyword.value: model_target(a.value) for a in call.args
                           if a.keyword is not None and model_target(a.value)}

    def _container_mode_dependent(self, call: cst.Call) -> bool:
        """Does `nn.Sequential(...)` hold a layer whose output depends on the mode (or an unknown one)?"""
        for node in iter_nodes(call):
            if isinstance(node, cst.Call) and node is not call:
                name = self._qualified(node.func)
                bare = plain(name) if name else ""
                if bare in torch_api.MODE_DEPENDENT_LAYERS or bare in torch_api.MODE_DEPENDENT_FUNCTIONS:
                    return True
                if bare in torch_api.MODE_FREE_UNLESS_DROPOUT and any(
                        a.keyword is not None and a.keyword.value == "dropout" for a in node.args):
                    return True
                if not bare.startswith("torch.nn.") and (not bare or bare.rsplit(".", 1)[-1][:1].isupper()):
                    return True  # a layer we cannot see into
        return False

