"""EVAL019: two alternative models for one slot, one ending in a sigmoid or softmax and one not."""
from __future__ import annotations

from typing import Any

import libcst as cst

from hygiene.analysis.apis import torch as torch_api
from hygiene.analysis.names import dotted
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

RAW_LAYERS = frozenset(f"torch.nn.{name}" for name in "Linear Bilinear LazyLinear Conv1d Conv2d".split())
SIGMOID_LAYERS = frozenset({"torch.nn.Sigmoid"})
SOFTMAX_LAYERS = frozenset({"torch.nn.Softmax"})
ACTIVATIONS = {"sigmoid": "a sigmoid", "softmax": "a softmax"}


class AlternativesDifferInOutput(Rule):
    """
    ## What it does
    Finds a choice between two models for one slot (`if linear: self.probe = nn.Linear(d, 1)`
    / `else: self.probe = MLPProbe(d)`, the same with `return`, or a conditional expression)
    where one alternative ends in a sigmoid or softmax (its `forward` returns `torch.sigmoid(...)`,
    or an `nn.Sequential` ends in `nn.Sigmoid()`) and the other returns raw scores (an `nn.Linear`,
    a `forward` returning a linear layer's output). The raw alternative is reported. The model
    classes are read in the same file.

    Not reported: when the flag that chooses the model is tested again elsewhere in the file (the
    code that uses the output knows which kind it gets, `if self.linear: p = p.sigmoid()`); when
    both alternatives end alike; when an alternative's output cannot be read (another activation, a
    class of another file or library).

    ## Why is this bad?
    The code after the choice treats both models' outputs the same way: as probabilities (a loss
    of probabilities, `1 - p`, a threshold at 0.5) or as logits (a loss that applies the sigmoid
    itself). One of the two alternatives is then trained and scored on the wrong kind of number:
    raw scores thresholded at 0.5 (which is a logit of 0.62), or a sigmoid applied twice. The
    numbers of that variant come out plausible and wrong.

    ## Example
        class MLPProbe(nn.Module):
            def forward(self, x):
                return torch.sigmoid(self.out(F.relu(self.hidden(x))))

        self.probe = nn.Linear(d, 1) if linear else MLPProbe(d)

    Use instead:
        self.probe = nn.Sequential(nn.Linear(d, 1), nn.Sigmoid()) if linear else MLPProbe(d)
    """

    code = "EVAL019"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = ("`{raw}` returns raw scores while the other choice for `{slot}`, `{other}`, ends in {activation} "
               "(line {other_line}): the code after the choice treats both alike, so one of them gets the wrong "
               "kind of number")
    question = "Should `{raw}` at {where} end in {activation} like `{other}`, or does the code that uses it expect raw scores?"
    triggers = ("torch",)
    examples = [
        invalid("""
            import torch
            import torch.nn as nn
            import torch.nn.functional as F

            class MLPProbe(nn.Module):
                def __init__(self, d):
                    super().__init__()
                    self.hidden = nn.Linear(d, 100)
                    self.out = nn.Linear(100, 1)

                def forward(self, x):
                    h = F.relu(self.hidden(x))
                    o = self.out(h)
                    return torch.sigmoid(o)

            class Consistency:
                def __init__(self, d, linear=True):
                    if linear:
                        self.probe = nn.Linear(d, 1)  # expect: EVAL019
                    else:
                        self.probe = MLPProbe(d)

                def loss(self, x0, x1):
                    p0, p1 = self.probe(x0), self.probe(x1)
                    return ((p0 - (1 - p1)) ** 2).mean()
        """),
        invalid("""
            import torch.nn as nn

            def make_head(kind, width):
                if kind == "mlp":
                    return nn.Sequential(nn.Linear(width, 64), nn.ReLU(), nn.Linear(64, 1), nn.Sigmoid())
                return nn.Linear(width, 1)  # expect: EVAL019
        """, note="return; the sigmoid is a layer of a Sequential"),
        invalid("""
            import torch.nn as nn

            class Head(nn.Module):
                def __init__(self, d, k):
                    super().__init__()
                    self.fc = nn.Linear(d, k)
                    self.act = nn.Softmax(dim=-1)

                def forward(self, x):
                    return self.act(self.fc(x))

            def build(d, k, simple):
                head = nn.Linear(d, k) if simple else Head(d, k)  # expect: EVAL019
                return head
        """, note="a conditional expression; a softmax layer held in an attribute"),
        invalid({
            "heads.py": """
                import torch.nn as nn

                class TwoLayer(nn.Module):
                    def __init__(self, d):
                        super().__init__()
                        self.body = nn.Sequential(nn.Linear(d, 32), nn.ReLU(), nn.Linear(32, 1))

                    def forward(self, x):
                        return self.body(x).sigmoid()
            """,
            "probe.py": """
                import torch.nn as nn
                from heads import TwoLayer

                def make_probe(d, depth):
                    if depth == 1:
                        return nn.Linear(d, 1)  # expect: EVAL019
                    else:
                        return TwoLayer(d)
            """}, note="the class in another module; `.sigmoid()` as a method"),
        valid({
            "heads.py": """
                import torch.nn as nn

                class TwoLayer(nn.Module):
                    def __init__(self, d):
                        super().__init__()
                        self.body = nn.Sequential(nn.Linear(d, 32), nn.ReLU(), nn.Linear(32, 1))

                    def forward(self, x):
                        return self.body(x)
            """,
            "probe.py": """
                import torch.nn as nn
                from heads import TwoLayer

                def make_probe(d, depth):
                    if depth == 1:
                        return nn.Linear(d, 1)
                    else:
                        return TwoLayer(d)
            """}, note="near miss of the same layout: both alternatives return logits"),
        invalid({"probes.ipynb": notebook(
            """
            import torch
            import torch.nn as nn
            """,
            """
            class MLPProbe(nn.Module):
                def __init__(self, d):
                    super().__init__()
                    self.net = nn.Sequential(nn.Linear(d, 64), nn.ReLU(), nn.Linear(64, 1))

                def forward(self, x):
                    return torch.sigmoid(self.net(x))
            """,
            """
            def make_probe(d, kind):
                if kind == "linear":
                    return nn.Linear(d, 1)  # expect: EVAL019
                return MLPProbe(d)
            """,
        )}, note="notebook: the probe class in one cell, the factory choosing between it and a bare linear layer in the next"),
        valid({"probes.ipynb": notebook(
            """
            import torch
            import torch.nn as nn
            """,
            """
            class MLPProbe(nn.Module):
                def __init__(self, d):
                    super().__init__()
                    self.net = nn.Sequential(nn.Linear(d, 64), nn.ReLU(), nn.Linear(64, 1))

                def forward(self, x):
                    return torch.sigmoid(self.net(x))
            """,
            """
            def make_probe(d, kind):
                if kind == "linear":
                    return nn.Sequential(nn.Linear(d, 1), nn.Sigmoid())
                return MLPProbe(d)
            """,
        )}, note="near miss: the same cells, the linear probe also ends in a sigmoid"),
        valid("""
            import torch
            import torch.nn as nn

            class MLPProbe(nn.Module):
                def __init__(self, d):
                    super().__init__()
                    self.out = nn.Linear(d, 1)

                def forward(self, x):
                    return torch.sigmoid(self.out(x))

            class Consistency:
                def __init__(self, d, linear=True):
                    self.linear = linear
                    if self.linear:
                        self.probe = nn.Linear(d, 1)
                    else:
                        self.probe = MLPProbe(d)

                def probs(self, x):
                    out = self.probe(x)
                    return torch.sigmoid(out) if self.linear else out
        """, note="near miss: the flag is tested again where the output is used"),
        valid("""
            import torch
            import torch.nn as nn

            class MLPProbe(nn.Module):
                def __init__(self, d):
                    super().__init__()
                    self.out = nn.Linear(d, 1)

                def forward(self, x):
                    return torch.sigmoid(self.out(x))

            def make_probe(d, linear):
                if linear:
                    return nn.Sequential(nn.Linear(d, 1), nn.Sigmoid())
                return MLPProbe(d)
        """, note="near miss: both alternatives end in a sigmoid"),
        valid("""
            import torch.nn as nn

            def make_head(kind, width):
                if kind == "mlp":
                    return nn.Sequential(nn.Linear(width, 64), nn.ReLU(), nn.Linear(64, 1))
                return nn.Linear(width, 1)
        """, note="near miss: both return raw scores"),
    ]

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.classes: dict[str, tuple[str, int] | None] = {}
        self.choices: list[tuple[str, str | None, list[tuple[Any, int | None]]]] = []
        self.tests: list[str] = []

    # -- the model classes of the file --------------------------------------------------------
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        methods = {s.name.value: s for s in node.body.body if isinstance(s, cst.FunctionDef)}
        forward = methods.get("forward")
        if forward is None:
            return
        layers = _attribute_layers(self, methods.get("__init__"))
        returns = _returns(forward)
        kinds = {_output(self, value, layers, _assignments(forward)) for value in returns}
        kind = kinds.pop() if len(kinds) == 1 else None
        self.classes[node.name.value] = (kind, 0) if kind else None
        if kind and self.ctx.names.module_name:
            self.ctx.facts.setdefault(self.code, {}).setdefault("classes", {})[
                f"{self.ctx.names.module_name}.{node.name.value}"] = kind

    # -- the choices --------------------------------------------------------------------------
    def visit_If(self, node: cst.If) -> None:
        self.tests.append(_flag(node.test))
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.If) and parent.orelse is node:
            return
        first = _single(node.body)
        other = node.orelse.body if isinstance(node.orelse, cst.Else) else None
        second = _single(other) if other is not None else None
        if second is None and not node.orelse:
            # `if c: return A(...)` followed by `return B(...)`
            second = self._next_return(node) if isinstance(first, cst.Return) else None
        if first is None or second is None or type(first) is not type(second):
            return
        slot_a, slot_b = _slot(self, first), _slot(self, second)
        if slot_a is None or slot_a != slot_b:
            return
        self.choices.append((slot_a, _flag(node.test),
                             [(self._alternative(first.value), self.ctx.line_here(first)),
                              (self._alternative(second.value), self.ctx.line_here(second))]))

    def visit_IfExp(self, node: cst.IfExp) -> None:
        self.tests.append(_flag(node.test))
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1 \
                and isinstance(parent.targets[0].target, (cst.Name, cst.Attribute)):
            slot = dotted(parent.targets[0].target)
        elif isinstance(parent, cst.Return):
            slot = "the returned model"
        else:
            return
        line = self.ctx.line_here(node)
        self.choices.append((slot, _flag(node.test),
                             [(self._alternative(node.body), line), (self._alternative(node.orelse), line)]))

    def _next_return(self, node: cst.If) -> cst.Return | None:
        block = self.ctx.parents[-1] if self.ctx.parents else None
        body = list(getattr(block, "body", ()))
        if node not in body:
            return None
        index = body.index(node)
        if index + 1 < len(body):
            statement = body[index + 1]
            if isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Return):
                return statement.body[0]
        return None

    def _alternative(self, value: cst.BaseExpression | None) -> Any:
        """("lib", kind) for a library layer or Sequential, ("repo", class name) for a class of the file."""
        if not isinstance(value, cst.Call):
            return None
        name = self.qualified_name(value.func) or ""
        if name in RAW_LAYERS:
            return ("lib", "raw", name.replace("torch.nn.", "nn."))
        if name == "torch.nn.Sequential":
            last = value.args[-1].value if value.args and not value.args[-1].star else None
            kind = _layer_kind(self, last) if isinstance(last, cst.Call) else None
            return ("lib", kind, "nn.Sequential(...)") if kind else None
        if isinstance(value.func, cst.Name):
            return ("repo", value.func.value, value.func.value, name)
        return None

    def finish(self) -> None:
        for slot, test, alternatives in self.choices:
            if test is None or self.tests.count(test) > 1:
                continue  # the flag is read again where the output is used
            resolved: list[tuple[str | None, str, int, str]] = []
            for alternative, line in alternatives:
                if alternative is None:
                    break
                kind = alternative[1]
                if alternative[0] == "repo":
                    known = self.classes.get(alternative[1])
                    kind = known[0] if known else None
                    if kind is None and (alternative[1] in self.classes or not alternative[3]):
                        break  # a class of this file whose output is not read
                resolved.append((kind, alternative[2], line,
                                 alternative[3] if alternative[0] == "repo" else ""))
            if len(resolved) != 2:
                continue
            if all(kind for kind, *_ in resolved):
                found = _mismatch(slot, resolved, {})
                if found:
                    line, fields, note_line, note = found
                    self.ctx.report(type(self), None, line=line, fields=fields,
                                    related=(Location(self.ctx.path, note_line, note),))
            elif sum(1 for kind, *_ in resolved if kind is None) == 1:
                # a class of another file of the repository: the repo phase reads its output
                self.ctx.facts.setdefault(self.code, {}).setdefault("choices", []).append(
                    {"slot": slot, "alternatives": resolved})

    @classmethod
    def check_repo(cls, repo: Any) -> None:
        classes: dict[str, str] = {}
        choices = []
        for path, facts in repo.facts(cls.code):
            classes.update(facts.get("classes", {}))
            choices.extend((path, choice) for choice in facts.get("choices", []))
        for path, choice in choices:
            found = _mismatch(choice["slot"], choice["alternatives"], classes)
            if found:
                line, fields, note_line, note = found
                repo.report(cls, path, line, **fields, related=[Location(path, note_line, note)])


def _mismatch(slot: str, resolved: list, classes: dict[str, str]) -> tuple[int, dict[str, Any], int, str] | None:
    """The raw alternative's line, the message's fields and the other alternative's line and note, when
    one alternative returns raw scores and the other ends in a sigmoid or softmax."""
    resolved = [(kind or classes.get(qualified), label, line, qualified) for kind, label, line, qualified in resolved]
    kinds = {kind for kind, *_ in resolved}
    if None in kinds or "raw" not in kinds or not kinds & set(ACTIVATIONS) or len(kinds) != 2:
        return None
    raw = next(r for r in resolved if r[0] == "raw")
    ending = next(r for r in resolved if r[0] != "raw")
    activation = ACTIVATIONS[ending[0]]
    fields = dict(raw=raw[1], other=ending[1], slot=slot, activation=activation, other_line=ending[2])
    return raw[2], fields, ending[2], f"`{ending[1]}` ends in {activation}"


def _flag(test: cst.BaseExpression) -> str | None:
    """What an `if` tests, named without generating code: `self.linear`, `cfg.deep`, `kind` of
    `kind == "mlp"`, `linear` of `not linear`."""
    if isinstance(test, cst.UnaryOperation):
        test = test.expression
    if isinstance(test, cst.Comparison):
        test = test.left
    return dotted(test) if isinstance(test, (cst.Name, cst.Attribute)) else None


def _single(body: cst.BaseSuite | None) -> cst.Assign | cst.Return | None:
    statements = body.body if isinstance(body, cst.IndentedBlock) else ()
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
        return None
    small = statements[0].body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1 or isinstance(small, cst.Return):
        return small
    return None


def _slot(rule: Rule, statement: cst.Assign | cst.Return) -> str | None:
    if isinstance(statement, cst.Return):
        return "the returned model" if statement.value is not None else None
    target = statement.targets[0].target
    return dotted(target) if isinstance(target, (cst.Name, cst.Attribute)) else None


def _layer_kind(rule: Rule, call: cst.Call) -> str | None:
    name = rule.qualified_name(call.func) or ""
    if name in SIGMOID_LAYERS:
        return "sigmoid"
    if name in SOFTMAX_LAYERS:
        return "softmax"
    if name in RAW_LAYERS:
        return "raw"
    return None


def _attribute_layers(rule: Rule, init: cst.FunctionDef | None) -> dict[str, str]:
    """`self.fc = nn.Linear(...)` in `__init__`: {"fc": "raw"}; sigmoid and softmax layers likewise."""
    layers: dict[str, str] = {}
    if init is None:
        return layers
    for statement in init.body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.value, cst.Call):
                target = small.targets[0].target
                if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) \
                        and target.value.value == "self":
                    kind = _layer_kind(rule, small.value)
                    if kind:
                        layers[target.attr.value] = kind
    return layers


def _returns(function: cst.FunctionDef) -> list[cst.BaseExpression | None]:
    """The values of the function's own `return` statements (not of nested functions)."""
    found: list[cst.BaseExpression | None] = []
    pending: list[cst.CSTNode] = [function.body]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.SimpleStatementLine):
            found.extend(s.value for s in node.body if isinstance(s, cst.Return))
        elif isinstance(node, (cst.IndentedBlock, cst.SimpleStatementSuite)):
            pending.extend(node.body)
        elif isinstance(node, (cst.If, cst.For, cst.While, cst.With, cst.Try, cst.Else, cst.ExceptHandler,
                               cst.Finally)):
            pending.append(node.body)
            for extra in ("orelse", "finalbody"):
                if getattr(node, extra, None) is not None:
                    pending.append(getattr(node, extra))
            pending.extend(getattr(node, "handlers", ()))
    return found


def _assignments(function: cst.FunctionDef) -> dict[str, cst.BaseExpression]:
    """The last value bound to each plain name at the top level of the function's body."""
    bound: dict[str, cst.BaseExpression] = {}
    for statement in function.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name):
                    bound[small.targets[0].target.value] = small.value
    return bound


def _output(rule: Rule, value: cst.BaseExpression | None, layers: dict[str, str],
            bound: dict[str, cst.BaseExpression], depth: int = 0) -> str | None:
    """What a `forward` returns: "sigmoid", "softmax", "raw" (a linear layer's output) or None."""
    if value is None or depth > 4:
        return None
    if isinstance(value, cst.Name):
        return _output(rule, bound.get(value.value), layers, {k: v for k, v in bound.items() if k != value.value},
                       depth + 1)
    if not isinstance(value, cst.Call):
        return None
    func = value.func
    name = rule.qualified_name(func) or ""
    if name in torch_api.SIGMOID:
        return "sigmoid"
    if name in torch_api.SOFTMAX:
        return "softmax"
    if isinstance(func, cst.Attribute):
        if func.attr.value in ("sigmoid", "softmax") and not (isinstance(func.value, cst.Name)
                                                                and func.value.value in ("torch", "F", "nn")):
            return func.attr.value
        if isinstance(func.value, cst.Name) and func.value.value == "self":
            return layers.get(func.attr.value)
    return None
