"""EVAL005: probabilities passed where logits belong (softmax twice, sigmoid into a logits loss)."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis import torch as torch_api
from hygiene.finding import Location, Severity
from hygiene.analysis.predictions import describe_value, kind_of
from hygiene.rule import Rule, invalid, notebook, valid

# What each kind of loss or normaliser expects, and the kinds of input that are wrong for it.
PROBABILITIES = frozenset({"softmax", "sigmoid", "proba"})


class DoubleSoftmax(Rule):
    """
    ## What it does
    Finds probabilities passed where a function expects logits: the output of a softmax (or a
    model ending in `nn.Softmax`, or a model whose class, in this module or another, returns a
    softmax or a sigmoid from every `return` of its `forward`) given to `CrossEntropyLoss` / `F.cross_entropy`, which apply
    log-softmax themselves; a sigmoid's output given to `BCEWithLogitsLoss` /
    `binary_cross_entropy_with_logits`; softmax probabilities given to `NLLLoss` / `F.nll_loss`,
    which expect log-probabilities; a softmax applied to values that are already
    probabilities; and a model built to output probabilities (`eqx.nn.MLP(..., final_activation=jax.nn.softmax)`)
    in a file that trains with a loss that applies softmax itself (`optax.softmax_cross_entropy_with_integer_labels`). The loss may be held in an attribute, also one `__init__` sets from a
    parameter's default (`def __init__(self, loss=nn.CrossEntropyLoss()): self.loss = loss`), and the
    probabilities may come one row at a time from a loop over a softmax's output
    (`for p in torch.softmax(scores, -1): loss(p, ...)`). `log_softmax` before `CrossEntropyLoss` is not reported: log-softmax is
    idempotent, so the loss is unchanged.

    ## Why is this bad?
    Softmax of probabilities squeezes every distribution towards uniform: the loss barely moves,
    gradients vanish, calibration metrics and confidence thresholds are computed on the wrong
    numbers, while accuracy (the argmax) can look fine. `nll_loss` of probabilities is `-p`, not
    `-log p`. Training still runs and the curves look plausible.

    ## Example
        probs = F.softmax(model(x), dim=1)
        loss = F.cross_entropy(probs, y)

    Use instead:
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        probs = logits.softmax(dim=1)   # for reporting only
    """

    code = "EVAL005"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = "`{callee}` gets {value}, which is already {what}: {consequence}"
    question = "Are the inputs of `{callee}` at {where} logits, as it expects?"
    # A loss file may name no softmax: its model class, in another module, ends in one (the repo phase).
    triggers = ("softmax", "sigmoid", "Softmax", "Sigmoid", "predict_proba", "cross_entropy", "CrossEntropyLoss",
                "BCEWithLogits", "with_logits", "nll_loss", "NLLLoss")
    examples = [
        valid("""
            import torch
            logits = torch.tensor(reg.predict_log_proba(features.numpy()))
            train_loss = torch.nn.functional.cross_entropy(logits, targets, reduction="none")
        """, note="held-out set 25 (MeZO): cross_entropy of log-probabilities is exact (log_softmax leaves them as they are)"),
        invalid("""
            import equinox as eqx
            import jax
            import optax

            model = eqx.nn.MLP(in_size=64, out_size=6, width_size=128, depth=2, final_activation=jax.nn.softmax, key=key)  # expect: EVAL005

            def loss_fn(m, x, y):
                return optax.softmax_cross_entropy_with_integer_labels(jax.vmap(m)(x), y).mean()
        """, note="probe20: an Equinox MLP built to output probabilities, trained with a loss that applies softmax again"),
        valid("""
            import equinox as eqx
            import jax
            import optax

            model = eqx.nn.MLP(in_size=64, out_size=6, width_size=128, depth=2, key=key)

            def loss_fn(m, x, y):
                return optax.softmax_cross_entropy_with_integer_labels(jax.vmap(m)(x), y).mean()

            def predict(m, x):
                return jax.nn.softmax(jax.vmap(m)(x))
        """, note="near miss: the MLP outputs logits; the softmax is taken only for the predictions"),
        invalid("""
            import torch
            probs = torch.tensor(reg.predict_proba(features.numpy()))
            train_loss = torch.nn.functional.cross_entropy(probs, targets, reduction="none")  # expect: EVAL005
        """, note="the twin: probabilities given as logits"),
        invalid({
            "net/__init__.py": "",
            "net/model.py": """
                import torch.nn as nn
                import torch.nn.functional as F

                class Classifier(nn.Module):
                    def __init__(self, n_in, n_classes):
                        super().__init__()
                        self.body = nn.Sequential(nn.Linear(n_in, 128), nn.ReLU())
                        self.head = nn.Linear(128, n_classes)

                    def forward(self, x):
                        return F.softmax(self.head(self.body(x)), dim=-1)
            """,
            "net/train.py": """
                import torch
                import torch.nn as nn
                from .model import Classifier

                def train(loader, n_in, n_classes, epochs=10):
                    model = Classifier(n_in, n_classes)
                    criterion = nn.CrossEntropyLoss()
                    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
                    for _ in range(epochs):
                        for x, y in loader:
                            opt.zero_grad()
                            loss = criterion(model(x), y)  # expect: EVAL005
                            loss.backward()
                            opt.step()
                    return model
            """,
        }, note="across modules: the model's forward ends in a softmax in one module, the training loop in another "
                "(relative import) gives its output to CrossEntropyLoss"),
        valid({
            "net/__init__.py": "",
            "net/model.py": """
                import torch.nn as nn
                import torch.nn.functional as F

                class Classifier(nn.Module):
                    def __init__(self, n_in, n_classes):
                        super().__init__()
                        self.body = nn.Sequential(nn.Linear(n_in, 128), nn.ReLU())
                        self.head = nn.Linear(128, n_classes)

                    def forward(self, x):
                        return self.head(self.body(x))

                    def predict_proba(self, x):
                        return F.softmax(self.forward(x), dim=-1)
            """,
            "net/train.py": """
                import torch
                import torch.nn as nn
                from .model import Classifier

                def train(loader, n_in, n_classes, epochs=10):
                    model = Classifier(n_in, n_classes)
                    criterion = nn.CrossEntropyLoss()
                    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
                    for _ in range(epochs):
                        for x, y in loader:
                            opt.zero_grad()
                            loss = criterion(model(x), y)
                            loss.backward()
                            opt.step()
                    return model
            """,
        }, note="near miss of the same layout: forward returns logits; the softmax is in a separate method"),
        invalid({"train_mlp.ipynb": notebook(
            """
            import torch
            import torch.nn as nn
            """,
            """
            class MLP(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
                    self.out = nn.Softmax(dim=1)

                def forward(self, x):
                    return self.out(self.net(x))
            """,
            """
            model = MLP()
            loss_fn = nn.CrossEntropyLoss()
            opt = torch.optim.SGD(model.parameters(), lr=0.1)
            for x, y in train_loader:
                opt.zero_grad()
                loss = loss_fn(model(x.view(-1, 784)), y)  # expect: EVAL005
                loss.backward()
                opt.step()
            """,
        )}, note="notebook: a model class ending in an nn.Softmax module in one cell, trained with CrossEntropyLoss in the next"),
        valid({"train_mlp.ipynb": notebook(
            """
            import torch
            import torch.nn as nn
            """,
            """
            class MLP(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
                    self.out = nn.LogSoftmax(dim=1)

                def forward(self, x):
                    return self.out(self.net(x))
            """,
            """
            model = MLP()
            loss_fn = nn.NLLLoss()
            opt = torch.optim.SGD(model.parameters(), lr=0.1)
            for x, y in train_loader:
                opt.zero_grad()
                loss = loss_fn(model(x.view(-1, 784)), y)
                loss.backward()
                opt.step()
            """,
        )}, note="near miss: the same cells with log-softmax and NLLLoss"),
        invalid("""
            import torch.nn.functional as F
            probs = F.softmax(model(x), dim=1)
            loss = F.cross_entropy(probs, y)  # expect: EVAL005
        """),
        invalid("""
            import torch
            from torch import nn
            criterion = nn.BCEWithLogitsLoss()
            out = torch.sigmoid(net(x))
            loss = criterion(out, y)  # expect: EVAL005
        """),
        invalid("""
            from torch import nn
            model = nn.Sequential(nn.Linear(10, 3), nn.Softmax(dim=1))
            loss_fn = nn.CrossEntropyLoss()
            loss = loss_fn(model(x), y)  # expect: EVAL005
        """, note="the model already ends in a softmax"),
        invalid("""
            from scipy.special import softmax
            p = clf.predict_proba(X_te)
            conf = softmax(p, axis=1).max(axis=1)  # expect: EVAL005
        """, note="softmax of probabilities"),
        invalid("""
            import torch.nn.functional as F
            loss = F.nll_loss(F.softmax(logits, dim=-1), y)  # expect: EVAL005
        """, note="nll_loss expects log-probabilities"),
        invalid({
            "matching/__init__.py": "",
            "matching/losses.py": """
                import torch
                import torch.nn as nn

                class RowMatchLoss(nn.Module):
                    def __init__(self, loss=nn.CrossEntropyLoss(reduction="sum")):
                        super().__init__()
                        self.loss = loss

                    def forward(self, scores, _):
                        probs = torch.softmax(scores, -1)
                        total, n = 0, 0
                        for p in probs:
                            target = torch.arange(p.shape[0], device=p.device)
                            total += self.loss(p, target)  # expect: EVAL005
                            n += p.shape[0]
                        return total / n
            """,
        }, note="(real bugs 12) the loss held in an attribute set from a parameter's default instance, given the "
                "rows of a softmax one by one"),
        valid("""
            import torch
            import torch.nn as nn

            class RowMatchLoss(nn.Module):
                def __init__(self, loss=nn.CrossEntropyLoss(reduction="sum"), normalize=nn.Softmax(dim=-1)):
                    super().__init__()
                    self.loss, self.normalize = loss, normalize

                def forward(self, scores, _):
                    total = 0
                    for row in scores:
                        total += self.loss(row, torch.arange(row.shape[0]))
                    return total

                def accuracy(self, scores):
                    probs = torch.softmax(scores, -1)
                    return [p.argmax(-1) for p in probs]
        """, note="near miss: the loss given the raw score rows; the softmax rows only read for their argmax"),
        valid("""
            import torch.nn.functional as F
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            probs = F.softmax(logits, dim=1)
        """),
        valid("""
            import torch.nn.functional as F
            loss = F.nll_loss(F.log_softmax(model(x), dim=1), y)
            same = F.cross_entropy(F.log_softmax(model(x), dim=1), y)
        """, note="log_softmax is idempotent: cross_entropy of it is unchanged"),
        valid("""
            import torch
            import torch.nn.functional as F
            probs = torch.sigmoid(model(x))
            loss = F.binary_cross_entropy(probs, y)
        """, note="binary_cross_entropy expects probabilities"),
        valid("""
            import torch.nn.functional as F
            probs = F.softmax(model(x), dim=1)
            loss = F.kl_div(probs.log(), target, reduction="batchmean")
        """),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.classes: list[str] = []
        self.forwards: dict[str, list[str]] = {}  # class -> what each `return` of its forward gives
        self.forward_lines: dict[str, int] = {}
        self.pending: list[dict] = []  # losses given a model's output whose class may be in another file
        # Per class being walked: `self.<attr>` set in `__init__` from a parameter whose default is an
        # instance (`def __init__(self, loss=nn.CrossEntropyLoss()): self.loss = loss`) -> that default.
        self.held: list[dict[str, cst.Call]] = []
        # `eqx.nn.MLP(..., final_activation=jax.nn.softmax)`: a model built to output probabilities, and the
        # softmax-applying losses of the same file (`optax.softmax_cross_entropy*`, `F.cross_entropy`).
        self.softmax_heads: list[tuple[cst.Arg, str]] = []
        self.softmax_losses: list[str] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node.name.value)
        self.held.append(_held_defaults(node))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.pop()
        self.held.pop()

    def visit_Return(self, node: cst.Return) -> None:
        function = self.ctx.names.function
        if not self.classes or function is None or function.name.value != "forward" or node.value is None:
            return
        cls = ".".join(self.classes)
        self.forwards.setdefault(cls, []).append(self._returned_kind(node.value))
        if cls not in self.forward_lines:  # the first return's line: positions only for it (issue 12)
            self.forward_lines[cls] = self.ctx.line_of(node) or 0

    def _returned_kind(self, value: cst.BaseExpression) -> str:
        """`softmax` / `sigmoid` when a forward returns probabilities: `F.softmax(...)`, `x.softmax(-1)`,
        `self.out(x)` with `self.out = nn.Softmax(...)` in the class."""
        if not isinstance(value, cst.Call):
            return "other"
        func = value.func
        bare = plain(self.qualified_name(func) or "")
        if bare in torch_api.SOFTMAX:
            return "softmax"
        if bare in torch_api.SIGMOID:
            return "sigmoid"
        if isinstance(func, cst.Attribute) and func.attr.value in ("softmax", "sigmoid"):
            return func.attr.value
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self":
            held = re.search(rf"self\.{re.escape(func.attr.value)}\s*=\s*(?:torch\.)?nn\.(Softmax|Sigmoid)\(",
                             self.ctx.text)
            if held:
                return held.group(1).lower()
        return "other"

    def finish(self) -> None:
        if self.softmax_heads and self.softmax_losses:
            for arg, model in self.softmax_heads[:3]:
                self.report(arg, callee=self.softmax_losses[0],
                            value=f"the output of `{model}(...)`, built with `{self.ctx.code(arg)}`", what="probabilities",
                            consequence="it expects logits; the loss applies log-softmax again, so it trains on a "
                                        "flattened distribution")
        module = self.ctx.names.module_name
        ends = {f"{module}.{cls}" if module else cls: {"kind": kinds[0], "line": self.forward_lines[cls]}
                for cls, kinds in self.forwards.items() if kinds and kinds[0] != "other" and len(set(kinds)) == 1}
        if ends or self.pending:
            self.ctx.facts[self.code] = {"ends": ends, "pending": self.pending[:50]}

    @classmethod
    def check_repo(cls, repo) -> None:
        """A loss given the output of a model whose class (here or in another module) ends its forward in
        a softmax or a sigmoid."""
        ends: dict[str, tuple[str, dict]] = {}
        for path, facts in repo.facts(cls.code):
            for name, end in facts.get("ends", {}).items():
                ends.setdefault(name, (path, end))
        if not ends:
            return
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                found = ends.get(site["cls"])
                if found is None or found[1]["kind"] not in site["wrong"]:
                    continue
                where, end = found
                kind = end["kind"]
                what = "probabilities"
                repo.report(cls, path, site["line"], callee=site["callee"],
                            value=f"`{site['value']}`, the output of `{site['short']}` whose forward ends in a {kind} "
                                  f"({where}:{end['line']})",
                            what=what, consequence=f"it expects {site['expects']}; {site['consequence']}",
                            related=[Location(where, end["line"], f"forward returns the {kind}")])

    def visit_Call(self, node: cst.Call) -> None:
        name = self.qualified_name(node.func) or ""
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in _HEAD_KEYWORDS:
                head = plain(self.qualified_name(arg.value) or "")
                if head in _SOFTMAXES or head.endswith((".nn.softmax", ".special.softmax")):
                    self.softmax_heads.append((arg, self.ctx.code(node.func)))
        if plain(name).removesuffix("()") in _LOGIT_LOSSES:
            self.softmax_losses.append(_short(plain(name).removesuffix("()")))
        if not name and self.held and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name) \
                and node.func.value.value == "self" and node.func.attr.value in self.held[-1]:
            default = self.held[-1][node.func.attr.value]
            name = self.ctx.names.qualified_name_in(None, default) or ""  # the loss the class holds by default
        bare = plain(name)
        if bare.endswith("()"):
            bare = bare[:-2]
        # A loss is applied by calling the function, or an instance of the class (`criterion(out, y)`).
        applied = name.endswith("()") or not bare.rsplit(".", 1)[-1][:1].isupper()
        if bare in torch_api.SOFTMAX_LOSSES and applied:
            self._check(node, bare, {"softmax", "proba"}, "logits",
                        "the loss applies log-softmax again, so it trains on a flattened distribution")
        elif bare in torch_api.SIGMOID_LOSSES and applied:
            self._check(node, bare, {"sigmoid"}, "logits", "the loss applies a sigmoid again")
        elif bare in torch_api.LOG_PROB_LOSSES and applied:
            self._check(node, bare, {"softmax", "proba"}, "log-probabilities", "the loss is -p instead of -log p")
        else:
            value = _softmax_input(node, name, bare)
            if value is None:
                return
            kind = kind_of(self.ctx, value, node)
            if kind is not None and kind.kind in PROBABILITIES and not kind.by_name:
                self.report(node, callee="softmax", value=describe_value(kind, self.ctx.code(value)),
                            what="probabilities", consequence="a second softmax squeezes them towards uniform")

    def _check(self, node: cst.Call, callee: str, wrong: set[str], expects: str, consequence: str) -> None:
        if not node.args or node.args[0].keyword is not None:
            return
        value = node.args[0].value
        kind = kind_of(self.ctx, value, node)
        if kind is not None and kind.kind == "logits" and isinstance(kind.node, cst.Call):
            made = self.qualified_name(kind.node.func) or ""
            if made.endswith("()") and "()" not in made[:-2] and not any(a.keyword for a in kind.node.args):
                # `model(x)` of `model = Classifier(...)`: the repo phase knows whether Classifier's
                # forward (in this module or another) already returns probabilities.
                self.pending.append({"cls": made[:-2], "short": made[:-2].rsplit(".", 1)[-1],
                                     "line": self.ctx.line_of(node), "callee": _short(callee),
                                     "value": self.ctx.code(value)[:60], "wrong": sorted(wrong), "expects": expects,
                                     "consequence": consequence})
        if kind is None or kind.by_name or kind.kind not in wrong:
            return
        what = "log-probabilities" if kind.kind == "log_softmax" else "probabilities"
        self.report(node, callee=_short(callee), value=describe_value(kind, self.ctx.code(value)), what=what,
                    consequence=f"it expects {expects}; {consequence}")


def _held_defaults(cls: cst.ClassDef) -> dict[str, cst.Call]:
    """`self.<attr> = <param>` in the class's `__init__`, where the parameter defaults to an instance."""
    init = next((s for s in getattr(cls.body, "body", ()) if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"),
                None)
    if init is None:
        return {}
    params = init.params
    defaults = {p.name.value: p.default for p in (*params.params, *params.kwonly_params)
                if isinstance(p.default, cst.Call) and p.annotation is None}
    if not defaults:
        return {}
    held: dict[str, cst.Call] = {}
    for stmt in getattr(init.body, "body", ()):
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and isinstance(small.value, cst.Name) and small.value.value in defaults:
                for target in small.targets:
                    t = target.target
                    if isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value == "self":
                        held[t.attr.value] = defaults[small.value.value]  # type: ignore[assignment]
    return held


# Keywords that give a model its output activation (Equinox `eqx.nn.MLP`, flax / haiku MLP helpers).
_HEAD_KEYWORDS = frozenset({"final_activation", "output_activation", "out_activation", "last_activation"})
_SOFTMAXES = frozenset({"jax.nn.softmax", "torch.softmax", "torch.nn.functional.softmax", "tensorflow.nn.softmax",
                        "scipy.special.softmax"})
# Losses that apply log-softmax to what they are given, in JAX and torch.
_LOGIT_LOSSES = frozenset({"optax.softmax_cross_entropy", "optax.softmax_cross_entropy_with_integer_labels",
                           "optax.losses.softmax_cross_entropy", "optax.losses.softmax_cross_entropy_with_integer_labels",
                           *torch_api.SOFTMAX_LOSSES})


def _short(name: str) -> str:
    return name.replace("torch.nn.functional.", "F.").replace("torch.nn.", "nn.")


def _softmax_input(node: cst.Call, name: str, bare: str) -> cst.BaseExpression | None:
    """What `F.softmax(x)`, `softmax(x)` or `x.softmax(dim)` normalises."""
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "softmax" and (not name or "()" in name):
        return func.value
    if bare in torch_api.SOFTMAX and not bare.endswith(".Softmax") and node.args:
        return node.args[0].value
    return None
