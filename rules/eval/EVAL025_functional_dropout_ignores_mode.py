"""EVAL025: functional dropout inside a module that `model.eval()` does not turn off."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Functional dropouts whose `training` argument defaults to True: without it they drop in eval mode.
_TRAINING_DEFAULT_ON = frozenset({
    "torch.nn.functional.dropout", "torch.nn.functional.dropout1d", "torch.nn.functional.dropout2d",
    "torch.nn.functional.dropout3d",
})
# Fused attention kernels with a dropout probability and no mode argument: the caller gates it.
_ATTENTION = frozenset({
    "torch.nn.functional.scaled_dot_product_attention", "flash_attn.flash_attn_func",
    "flash_attn.flash_attn_qkvpacked_func", "flash_attn.flash_attn_varlen_func",
    "flash_attn.flash_attn_interface.flash_attn_func", "xformers.ops.memory_efficient_attention",
})
_ATTENTION_P = ("dropout_p", "p")
# Dropout modules: one built inside a method (`nn.Dropout(0.5)(x)`) is a fresh module, in training
# mode whatever the model's mode, and not a submodule `model.eval()` reaches.
_DROPOUT_MODULES = frozenset({
    "torch.nn.Dropout", "torch.nn.Dropout1d", "torch.nn.Dropout2d", "torch.nn.Dropout3d",
    "torch.nn.AlphaDropout", "torch.nn.FeatureAlphaDropout",
    "torch.nn.modules.dropout.Dropout", "torch.nn.modules.dropout.Dropout2d",
})
_MODE = re.compile(r"\btrain(ing)?\b|\bis_train(ing)?\b|\.training\b|\beval(uation)?\b|\bdeterministic\b")
# Dropout kept on at evaluation on purpose: Monte Carlo dropout, Bayesian or stochastic passes.
_ON_PURPOSE = re.compile(r"(?i)mc_?dropout|monte|bayes|stochastic|uncertain|always")


def _zero(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, (cst.Integer, cst.Float)) and float(expr.evaluated_value) == 0.0


def _names(expr: cst.CSTNode) -> list[cst.Name]:
    found, stack = [], [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name):
            found.append(node)
        elif not isinstance(node, cst.Attribute):  # `self.p` is no parameter
            stack.extend(node.children)
    return found


def _calls(module: cst.Module) -> list[cst.Call]:
    found, stack = [], [module]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Call):
            found.append(node)
        stack.extend(node.children)
    return found


def _evaluate(expr: cst.BaseExpression, name: str, value: float) -> float | None:
    """`1 - keep_rate` with `keep_rate` = `value`; None when the expression is not plain arithmetic."""
    if isinstance(expr, cst.Name):
        return value if expr.value == name else None
    if isinstance(expr, (cst.Integer, cst.Float)):
        return float(expr.evaluated_value)
    if isinstance(expr, cst.BinaryOperation):
        left, right = _evaluate(expr.left, name, value), _evaluate(expr.right, name, value)
        if left is None or right is None:
            return None
        if isinstance(expr.operator, cst.Add):
            return left + right
        if isinstance(expr.operator, cst.Subtract):
            return left - right
        if isinstance(expr.operator, cst.Multiply):
            return left * right
    return None


class FunctionalDropoutIgnoresMode(Rule):
    """
    ## What it does
    Finds dropout applied through a function inside a model class, where the module's mode does
    not reach it: `F.dropout(x, p=self.dropout)` (also `dropout1d/2d/3d`) without `training=`,
    whose default is `True`, and a fused attention kernel given a dropout probability that does not
    depend on `self.training` (`F.scaled_dot_product_attention(q, k, v,
    dropout_p=self.dropout)`, `flash_attn_func(..., dropout_p=...)`, xformers'
    `memory_efficient_attention(..., p=...)`), and a dropout module built inside a method other
    than `__init__` and applied there (`x = nn.Dropout(0.5)(x)`, or `drop = nn.Dropout(p)` then
    `drop(x)`): a fresh module is in training mode and is no submodule `model.eval()` reaches.
    Calls inside `if self.training:`, with a
    probability written as `self.dropout if self.training else 0`, or in a class named for Monte
    Carlo dropout are left alone, and so is a probability computed from an argument of the method that a call
    in the file sets to turn it off (`forward(self, adj, keep_rate)` with `p=1 - keep_rate`, and evaluation
    calling `self.forward(adj, 1.0)`: the caller is the mode switch; held-out set 27), and a probability that is an
    option of the method defaulting to 0 (a diffusion sampler's `step(..., noise_dropout=0.)`: a caller turns it
    on for that call, on purpose; held-out set 29). Several such calls in one function are one fix and one finding,
    at the first, naming the others (held-out set 16: three findings for one forward pass).

    Precision (corpus9; branch precision18): 5 findings, 2 real / 3 debatable / 0 false (0.40). The three
    debatable are real latent bugs whose dropout probability is 0 in every configuration the repository
    ships (a JSON or YAML config, not a default the rule reads) or whose class only an uncalled function
    uses. No finding is false; it stays a finding.

    ## Why is this bad?
    `model.eval()` switches off `nn.Dropout` modules by setting `self.training`; a functional call
    never reads it. Validation losses, test scores and samples are then computed with random units
    dropped: noisier and lower than the model's real figures, and different on every run.

    ## Example
        y = F.scaled_dot_product_attention(q, k, v, dropout_p=self.dropout, is_causal=True)

    Use instead:
        y = F.scaled_dot_product_attention(q, k, v, dropout_p=self.dropout if self.training else 0.0,
                                           is_causal=True)
    """

    code = "EVAL025"
    category = "EVAL-MODE"
    severity = Severity.ERROR
    message = ("`{call}` applies dropout whatever the module's mode: `model.eval()` does not turn it off, so "
               "evaluation and sampling run with units dropped ({fix})")
    question = "Is the dropout of `{call}` at {where} meant to stay on when the model is evaluated?"
    triggers = ("dropout", "dropout_p", "memory_efficient_attention", "Dropout")
    examples = [
        invalid({
            "gnn/__init__.py": "",
            "gnn/layers.py": """
                import torch.nn as nn
                import torch.nn.functional as F

                class Block(nn.Module):
                    def __init__(self, d, p=0.5):
                        super().__init__()
                        self.lin, self.p = nn.Linear(d, d), p

                    def forward(self, x):
                        return F.dropout(F.relu(self.lin(x)), p=self.p)  # expect: EVAL025
            """,
            "gnn/evaluate.py": """
                import torch
                from .layers import Block

                @torch.no_grad()
                def accuracy(model, loader):
                    model.eval()
                    hits = total = 0
                    for x, y in loader:
                        hits += (model(x).argmax(-1) == y).sum().item()
                        total += len(y)
                    return hits / total
            """,
        }, note="across modules: the layer's functional dropout ignores the mode the evaluation module sets"),
        valid({
            "gnn/__init__.py": "",
            "gnn/layers.py": """
                import torch.nn as nn
                import torch.nn.functional as F

                class Block(nn.Module):
                    def __init__(self, d, p=0.5):
                        super().__init__()
                        self.lin, self.p = nn.Linear(d, d), p

                    def forward(self, x):
                        return F.dropout(F.relu(self.lin(x)), p=self.p, training=self.training)
            """,
            "gnn/evaluate.py": """
                import torch
                from .layers import Block

                @torch.no_grad()
                def accuracy(model, loader):
                    model.eval()
                    hits = total = 0
                    for x, y in loader:
                        hits += (model(x).argmax(-1) == y).sum().item()
                        total += len(y)
                    return hits / total
            """,
        }, note="near miss of the same layout: the dropout follows the module's mode"),
        invalid({"mlp.ipynb": notebook(
            """
            import torch
            import torch.nn as nn
            import torch.nn.functional as F
            """,
            """
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc1, self.fc2 = nn.Linear(784, 256), nn.Linear(256, 10)

                def forward(self, x):
                    h = F.dropout(F.relu(self.fc1(x)), 0.3)  # expect: EVAL025
                    return self.fc2(h)
            """,
            """
            net = Net()
            net.eval()
            with torch.no_grad():
                test_acc = (net(X_test).argmax(1) == y_test).float().mean()
            """,
        )}, note="notebook: the model cell's dropout stays on when a later cell evaluates in eval mode"),
        valid({"mlp.ipynb": notebook(
            """
            import torch
            import torch.nn as nn
            import torch.nn.functional as F
            """,
            """
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc1, self.fc2 = nn.Linear(784, 256), nn.Linear(256, 10)
                    self.drop = nn.Dropout(0.3)

                def forward(self, x):
                    h = self.drop(F.relu(self.fc1(x)))
                    return self.fc2(h)
            """,
            """
            net = Net()
            net.eval()
            with torch.no_grad():
                test_acc = (net(X_test).argmax(1) == y_test).float().mean()
            """,
        )}, note="near miss: the same cells with an nn.Dropout module"),
        invalid("""
            import torch.nn as nn
            import torch.nn.functional as F

            class CausalSelfAttention(nn.Module):
                def forward(self, x):
                    q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
                    y = F.scaled_dot_product_attention(q, k, v, attn_mask=None, dropout_p=self.dropout, is_causal=True)  # expect: EVAL025
                    return self.c_proj(y)
        """),
        invalid("""
            import torch
            from torch.nn import functional as F

            class GCN(torch.nn.Module):
                def forward(self, x, edge_index):
                    x = F.relu(self.conv1(x, edge_index))
                    x = F.dropout(x, p=self.p)  # expect: EVAL025
                    return self.conv2(x, edge_index)
        """),
        invalid("""
            import torch.nn as nn
            import torch.nn.functional as F

            class Reranker(nn.Module):
                def forward(self, user, items, history):
                    u = F.dropout(self.user_emb(user), p=self.p)  # expect: EVAL025
                    i = F.dropout(self.item_emb(items), p=self.p)
                    h = F.dropout(self.encoder(history), p=self.p)
                    return (u * i).sum(-1) + (h * i).sum(-1)

                def score(self, x):
                    return F.dropout(self.head(x), p=self.p)  # expect: EVAL025
        """, note="held-out set 16: three functional dropouts of one forward pass are one fix and one finding, "
                  "at the first, naming the others; another function's dropout is its own finding"),
        invalid("""
            import torch.nn as nn
            from flash_attn import flash_attn_func

            class Attention(nn.Module):
                def forward(self, q, k, v):
                    return flash_attn_func(q, k, v, dropout_p=self.attn_drop, causal=True)  # expect: EVAL025
        """),
        valid("""
            import torch.nn as nn
            import torch.nn.functional as F

            class CausalSelfAttention(nn.Module):
                def forward(self, x):
                    y = F.scaled_dot_product_attention(q, k, v, dropout_p=self.dropout if self.training else 0, is_causal=True)
                    z = F.dropout(y, p=self.p, training=self.training)
                    w = F.dropout(z, self.p, self.training)
                    p = self.attn_pdrop if self.training else 0.0
                    u = F.scaled_dot_product_attention(q, k, v, dropout_p=p)
                    if self.training:
                        w = F.dropout(w, p=0.1)
                    s = F.scaled_dot_product_attention(q, k, v, dropout_p=0.0)
                    return F.alpha_dropout(w, p=0.1)
        """, note="gated by the mode, no probability, or a dropout whose default is off"),
        invalid({
            "attrs/__init__.py": "",
            "attrs/model.py": """
                import torch
                import torch.nn as nn
                import torchvision

                class AttributeNet(nn.Module):
                    def __init__(self, n_attr=40):
                        super().__init__()
                        self.backbone = torchvision.models.resnet50()
                        self.fc = nn.Linear(1000, n_attr)

                    def forward(self, images):
                        x = torch.flatten(self.backbone(images), 1)
                        x = nn.Dropout(0.5)(x)  # expect: EVAL025
                        return self.fc(x)
            """,
            "attrs/test.py": """
                import torch
                from .model import AttributeNet

                net = AttributeNet()
                net.load_state_dict(torch.load("best.pt"))
                net.eval()
                with torch.no_grad():
                    scores = [net(x).sigmoid() for x in loader]
            """,
        }, note="(real bugs 12) a dropout module built inside forward: fresh, in training mode, and no submodule "
                "the test script's eval() reaches"),
        invalid("""
            import torch.nn as nn

            class Head(nn.Module):
                def __init__(self, d, p):
                    super().__init__()
                    self.proj, self.p = nn.Linear(d, d), p

                def forward(self, h):
                    drop = nn.Dropout(p=self.p)
                    return self.proj(drop(h))  # expect: EVAL025
        """, note="the module bound to a local first, then applied"),
        valid("""
            import torch.nn as nn

            class Head(nn.Module):
                def __init__(self, d, p):
                    super().__init__()
                    self.proj, self.drop = nn.Linear(d, d), nn.Dropout(p)
                    self.extra = nn.Sequential(nn.Linear(d, d), nn.Dropout(p))

                def forward(self, h):
                    return self.extra(self.proj(self.drop(h)))

                def make_block(self, d):
                    return nn.Sequential(nn.Linear(d, d), nn.Dropout(0.1))

                def sample(self, h):
                    if self.training:
                        h = nn.Dropout(0.1)(h)
                    return h
        """, note="near miss: dropout modules built in __init__ or returned as layers, and one applied only in training"),
        valid("""
            import torch.nn as nn
            import torch.nn.functional as F

            class MCDropoutNet(nn.Module):
                def forward(self, x):
                    return F.dropout(self.fc(x), p=0.5)

            def augment(x):
                return F.dropout(x, p=0.1)
        """, note="Monte Carlo dropout on purpose, and a function outside any model class"),
        valid("""
            import torch.nn as nn
            import torch.nn.functional as F

            class GraphModel(nn.Module):
                def forward(self, adj, keep_rate):
                    h = F.dropout(self.emb, p=1 - keep_rate)
                    return adj @ h

                def train_step(self, batch):
                    return self.loss(self.forward(self.adj, self.keep_rate), batch)

                def full_predict(self, users):
                    return self.forward(self.adj, 1.0)[users]
        """, note="held-out set 27: the rate is a forward argument, and evaluation calls forward with a keep rate of 1"),
        invalid("""
            import torch.nn as nn
            import torch.nn.functional as F

            class GraphModel(nn.Module):
                def forward(self, adj, keep_rate):
                    h = F.dropout(self.emb, p=1 - keep_rate)  # expect: EVAL025
                    return adj @ h

                def train_step(self, batch):
                    return self.loss(self.forward(self.adj, self.keep_rate), batch)

                def full_predict(self, users):
                    return self.forward(self.adj, self.keep_rate)[users]
        """, note="the twin: evaluation passes the training keep rate, so units are dropped there too"),
        valid("""
            import torch
            import torch.nn.functional as F

            class Sampler:
                def __init__(self, model):
                    self.model = model

                def step(self, x, t, temperature=1.0, noise_dropout=0.0):
                    eps = self.model(x, t)
                    noise = torch.randn_like(x) * temperature
                    if noise_dropout > 0.0:
                        noise = F.dropout(noise, p=noise_dropout)
                    return x - eps + noise
        """, note="near miss (held-out set 29): the probability is an option of the call that defaults to 0 "
                  "(a diffusion sampler's `noise_dropout`): a caller turns it on for that call, on purpose"),
        invalid("""
            import torch
            import torch.nn.functional as F

            class Sampler:
                def __init__(self, model):
                    self.model = model

                def step(self, x, t, temperature=1.0, noise_dropout=0.1):
                    eps = self.model(x, t)
                    noise = torch.randn_like(x) * temperature
                    noise = F.dropout(noise, p=noise_dropout)  # expect: EVAL025
                    return x - eps + noise
        """, note="the twin: the option is on by default, so every sample drops units of the noise"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._classes: list[str] = []
        # Values and `if` tests are kept as nodes and their code generated only for a call this
        # rule looks at (generating it for every assignment and test cost 2% of a cold scan: issue 12).
        self._functions: list[tuple[str, dict[str, list[cst.BaseExpression]]]] = []
        self._gates: list[cst.BaseExpression] = []
        # Per function: the dropouts found there, reported once when the function ends (one fix
        # settles every functional dropout of a forward pass: held-out set 16, three findings for one).
        self._pending: list[list[tuple[cst.Call, str, str]]] = []
        self._defs: list[cst.FunctionDef] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._classes.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append((node.name.value, {}))
        self._pending.append([])
        self._defs.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions.pop()
        self._defs.pop()
        found = self._pending.pop()
        if not found:
            return
        node, call, fix = found[0]
        others = [self.ctx.line_of(n) for n, _, _ in found[1:]]
        if others:
            fix += (f"; {len(others)} more such call{'s' if len(others) > 1 else ''} in this function (line"
                    f"{'s' if len(others) > 1 else ''} {', '.join(map(str, others))}): one fix")
        self.report(node, call=call, fix=fix,
                    related=[Location(self.ctx.path, line, "another dropout of this function") for line in others])

    def visit_If(self, node: cst.If) -> None:
        self._gates.append(node.test)

    def leave_If(self, original_node: cst.If) -> None:
        self._gates.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self._functions:
            return
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self._functions[-1][1].setdefault(target.target.value, []).append(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        if not self._classes or not self._functions:
            return
        owner = " ".join(self._classes + [self._functions[-1][0]])
        if _ON_PURPOSE.search(owner):
            return
        if isinstance(node.func, (cst.Call, cst.Name)) and self._functions[-1][0] != "__init__":
            self._built_module(node, owner)
        name = self.qualified_name(node.func)
        if name not in _TRAINING_DEFAULT_ON and name not in _ATTENTION:
            return
        if any(_MODE.search(self.ctx.code(test)) for test in self._gates):
            return
        if name in _TRAINING_DEFAULT_ON:
            self._dropout(node, name)
        elif name in _ATTENTION:
            self._attention(node, name)

    def _built_module(self, node: cst.Call, owner: str) -> None:
        """`nn.Dropout(0.5)(x)`, or `drop(x)` where this function bound `drop = nn.Dropout(...)`."""
        made = node.func
        if isinstance(made, cst.Name):
            values = self._functions[-1][1].get(made.value, ())
            made = values[-1] if len(values) == 1 else None
        if not isinstance(made, cst.Call) or self.qualified_name(made.func) not in _DROPOUT_MODULES:
            return
        if _ON_PURPOSE.search(owner) or any(_MODE.search(self.ctx.code(test)) for test in self._gates):
            return
        probability = made.args[0].value if made.args and made.args[0].keyword is None else next(
            (a.value for a in made.args if a.keyword and a.keyword.value == "p"), None)
        if probability is not None and _zero(probability):
            return
        cls = self.qualified_name(made.func).rsplit(".", 1)[-1]
        self._pending[-1].append((node, f"{cls}(...)", f"build the `{cls}` once in `__init__` as a submodule "
                                  "(`self.drop = nn." + cls + "(...)`) and call `self.drop(x)`"))

    def _dropout(self, node: cst.Call, name: str) -> None:
        positional = [a for a in node.args if a.keyword is None and a.star == ""]
        if len(positional) >= 3 or any(a.keyword and a.keyword.value == "training" for a in node.args):
            return
        if any(a.star for a in node.args):
            return
        probability = positional[1].value if len(positional) > 1 else next(
            (a.value for a in node.args if a.keyword and a.keyword.value == "p"), None)
        if probability is not None and (_zero(probability) or self._caller_turns_off(probability)
                                        or self._off_by_default(probability)):
            return
        self._pending[-1].append((node, f"{name.rsplit('.', 1)[-1]}(...)", "pass `training=self.training`"))

    def _off_by_default(self, probability: cst.BaseExpression) -> bool:
        """The probability is a parameter of the method whose default is 0 (`noise_dropout=0.`): an option a
        caller turns on for that call, on purpose (a diffusion sampler's noise dropout, held-out set 29)."""
        if not isinstance(probability, cst.Name):
            return False
        function = self._defs[-1]
        for param in [*function.params.params, *function.params.kwonly_params]:
            if param.name.value == probability.value:
                return param.default is not None and _zero(param.default)
        return False

    def _caller_turns_off(self, probability: cst.BaseExpression) -> bool:
        """The probability is computed from a parameter of the method (`p=1 - keep_rate`, `p=drop_rate`), and a
        call of the method in this file passes a literal that makes it 0 (`self.forward(adj, 1.0)` at
        evaluation): the caller switches dropout off, as `model.eval()` would (held-out set 27)."""
        function = self._defs[-1]
        params = [p.name.value for p in function.params.params]
        used = {n.value for n in _names(probability)} & set(params)
        if len(used) != 1:
            return False
        param = used.pop()
        index = params.index(param) - (1 if params and params[0] == "self" else 0)
        method = function.name.value
        for call in _calls(self.ctx.module):
            func = call.func
            by_name = isinstance(func, cst.Attribute) and func.attr.value == method
            if not by_name and not (method == "forward" and isinstance(func, cst.Name) and func.value == "self"):
                continue  # `self.forward(adj, 1.0)`, or `self(adj, 1.0)` for forward
            positional = [a for a in call.args if a.keyword is None and not a.star]
            given = next((a.value for a in call.args if a.keyword and a.keyword.value == param), None)
            if given is None and 0 <= index < len(positional):
                given = positional[index].value
            if isinstance(given, (cst.Integer, cst.Float)) and _evaluate(probability, param,
                                                                      float(given.evaluated_value)) == 0.0:
                return True
        return False

    def _attention(self, node: cst.Call, name: str) -> None:
        probability = next((a.value for a in node.args if a.keyword and a.keyword.value in _ATTENTION_P), None)
        if probability is None or _zero(probability) or self._caller_turns_off(probability) \
                or self._off_by_default(probability):
            return
        text = self.ctx.code(probability)
        if isinstance(probability, cst.Name):
            text += " " + " ".join(self.ctx.code(value) for value in self._functions[-1][1].get(probability.value, ()))
        if _MODE.search(text):
            return
        self._pending[-1].append((node, f"{name.rsplit('.', 1)[-1]}(...)",
                                  "give it `dropout_p=... if self.training else 0.0`"))
