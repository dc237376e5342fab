"""EVAL041: a total divided by the last index of the loop that summed it (one item short)."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.dataflow import knowledge as kb
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes


def _index_name(loop: cst.For) -> str | None:
    """The loop's counter when its last value is the number of items minus one: `i` of
    `for i, x in enumerate(xs)` (no start given, or 0) or of `for i in range(n)`."""
    it = loop.iter
    if not isinstance(it, cst.Call) or not isinstance(it.func, cst.Name):
        return None
    if it.func.value == "enumerate":
        if len(it.args) > 2 or any(a.keyword is not None and a.keyword.value != "start" for a in it.args):
            return None
        if len(it.args) == 2 and not (isinstance(it.args[1].value, cst.Integer) and it.args[1].value.value == "0"):
            return None
        target = loop.target
        if isinstance(target, (cst.Tuple, cst.List)) and target.elements and isinstance(target.elements[0].value, cst.Name):
            return target.elements[0].value.value
        return None
    if it.func.value == "range" and len(it.args) == 1 and it.args[0].keyword is None:
        return loop.target.value if isinstance(loop.target, cst.Name) else None
    return None


def _summed(loop: cst.For) -> set[str]:
    """Names the loop body adds to (`total += loss.item()`, `total = total + x`)."""
    names: set[str] = set()
    for node in iter_nodes(loop.body):
        if isinstance(node, cst.AugAssign) and isinstance(node.operator, cst.AddAssign) and isinstance(node.target, cst.Name):
            names.add(node.target.value)
        elif isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and isinstance(node.value, cst.BinaryOperation) and isinstance(node.value.operator, cst.Add) \
                and isinstance(node.value.left, cst.Name) and node.value.left.value == node.targets[0].target.value:
            names.add(node.targets[0].target.value)
    return names


def _binds(stmt: cst.CSTNode, name: str) -> bool:
    for node in iter_nodes(stmt):
        targets: list[cst.BaseExpression] = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign)) and not isinstance(getattr(node, "operator", None), cst.DivideAssign):
            targets = [node.target]
        elif isinstance(node, (cst.For, cst.CompFor)):
            targets = [node.target]
        while targets:
            t = targets.pop()
            if isinstance(t, cst.Name) and t.value == name:
                return True
            if isinstance(t, (cst.Tuple, cst.List)):
                targets.extend(e.value for e in t.elements)
    return False


def _is_index(expr: cst.BaseExpression, index: str) -> bool:
    if isinstance(expr, cst.Name):
        return expr.value == index
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("float", "int") \
            and len(expr.args) == 1:
        return _is_index(expr.args[0].value, index)
    return False


class TotalOverLastIndex(Rule):
    """
    ## What it does
    Finds a total that a loop adds to (`valid_loss += loss.item()`) divided, after the loop, by the
    loop's own counter: `for counter, batch in enumerate(valid_loader)` then `valid_loss /= counter`,
    or `for step in range(n_batches)` then `total / step`. After the loop the counter holds the index
    of the last item, one less than the number of items. A counter counted from 1
    (`enumerate(loader, 1)`, `start=1`), a division by `counter + 1`, a counter bound again after the
    loop, a name the loop does not add to, and a training loop's running loss (a loop over the
    training loader, or in a function named for training: a logged figure, not a reported one)
    are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `for counter, (x, _) in enumerate(loader): total += ...` then `total /= counter` (method) | yes | `total /= counter + 1` |
    | `for step in range(n): acc += ...` then `print(acc / step)` (script) | yes | `enumerate(loader, start=1)` |
    | `for i, row in enumerate(rows): hits += ...` then `rate = hits / float(i)` (notebook) | yes | `i = len(rows)` after the loop |

    ## Why is this bad?
    The mean is taken over one item fewer than were summed: every reported validation loss or
    accuracy is inflated by n / (n - 1) (a tenth too high with ten batches), more for small
    evaluation sets than for large ones, so figures from sets of different sizes do not compare, and
    a one-batch loader divides by zero.

    ## Example
        for counter, (x, y) in enumerate(valid_loader):
            valid_loss += criterion(model(x), y).item()
        valid_loss /= counter

    Use instead:
        for counter, (x, y) in enumerate(valid_loader):
            valid_loss += criterion(model(x), y).item()
        valid_loss /= counter + 1
    """

    code = "EVAL041"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{text}` divides the total `{total}` by `{index}`, the index of the last item of the loop at line "
               "{line}: one less than the number of items summed")
    question = "Should `{text}` at {where} divide by `{index} + 1`, the number of items the loop at line {line} summed?"
    triggers = ("/",)
    examples = [
        invalid("""
            import torch

            class SimCLR:
                def _validate(self, model, valid_loader):
                    with torch.no_grad():
                        model.eval()
                        valid_loss = 0.0
                        for counter, ((xis, xjs), _) in enumerate(valid_loader):
                            loss = self._step(model, xis.to(self.device), xjs.to(self.device), counter)
                            valid_loss += loss.item()
                        valid_loss /= counter  # expect: EVAL041
                    model.train()
                    return valid_loss
        """),
        valid("""
            import torch

            class SimCLR:
                def _validate(self, model, valid_loader):
                    with torch.no_grad():
                        valid_loss = 0.0
                        for counter, ((xis, xjs), _) in enumerate(valid_loader):
                            valid_loss += self._step(model, xis, xjs, counter).item()
                        valid_loss /= counter + 1
                        seen = 0.0
                        for n, batch in enumerate(valid_loader, 1):
                            seen += len(batch)
                        mean_seen = seen / n
                    return valid_loss, mean_seen
        """, note="near miss: the count is the last index plus one; a counter started at 1"),
        valid("""
            def train_epoch(model, train_dataloader, optimizer):
                epoch_loss = 0
                for step, (image, gt) in enumerate(train_dataloader):
                    loss = seg_loss(model(image), gt)
                    loss.backward()
                    optimizer.step()
                    epoch_loss += loss.item()
                epoch_loss /= step
                return epoch_loss
        """, note="near miss (held-out corpus): a training loop's running loss, logged"),
        invalid("""
            acc = 0.0
            for step in range(n_batches):
                x, y = next(batches)
                acc += (model(x).argmax(1) == y).float().mean().item()
            print(f"accuracy {acc / step:.3f}")  # expect: EVAL041
        """, note="a script: `range(n)`'s counter"),
        invalid({"score.ipynb": notebook(
            """
            hits = 0
            for i, row in enumerate(rows):
                hits += int(row["pred"] == row["gold"])
            """,
            """
            rate = hits / float(i)  # expect: EVAL041
            print(rate)
            """,
        )}, note="notebook: the division in the next cell"),
        valid({"score.ipynb": notebook(
            """
            hits = 0
            for i, row in enumerate(rows):
                hits += int(row["pred"] == row["gold"])
            i = len(rows)
            rate = hits / i
            per = scale / i
            """,
        )}, note="near miss (notebook): the counter bound again to the count; a name the loop does not add to"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        self._functions: list[str] = []
        self._block(node.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append(node.name.value)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions.pop()

    def _training(self, loop: cst.For, totals: set[str]) -> bool:
        """A training loop's running loss (`for step, batch in enumerate(train_loader)`, `def train_epoch`):
        a logged training figure, not a reported one; left alone."""
        words = " ".join([re.sub(r"\W+", " ", self.ctx.code(loop.iter)), *self._functions[-1:]])
        roles = {kb.name_role(w) for w in words.split()} - {None}
        return roles == {"train"}

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._block(node.body)

    def _block(self, body: tuple[cst.BaseStatement, ...] | list[cst.BaseStatement]) -> None:
        for k, stmt in enumerate(body):
            if not isinstance(stmt, cst.For) or stmt.orelse is not None:
                continue
            index = _index_name(stmt)
            if not index:
                continue
            totals = _summed(stmt) - {index}
            if not totals or self._training(stmt, totals):
                continue
            for later in body[k + 1:]:
                hit = self._division(later, index, totals)
                if hit is not None:
                    node, total = hit
                    self.report(node, related=[Location(self.ctx.path, self.ctx.line_of(stmt), "the loop that summed it")],
                                text=self.ctx.code(node).strip(), total=total, index=index,
                                line=self.ctx.line_of(stmt) or "?")
                    return
                if _binds(later, index) or any(_binds(later, t) for t in totals):
                    break

    def _division(self, stmt: cst.CSTNode, index: str, totals: set[str]) -> tuple[cst.CSTNode, str] | None:
        for node in iter_nodes(stmt):
            if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                return None
            if isinstance(node, cst.AugAssign) and isinstance(node.operator, cst.DivideAssign) \
                    and isinstance(node.target, cst.Name) and node.target.value in totals and _is_index(node.value, index):
                return node, node.target.value
            if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide) \
                    and isinstance(node.left, cst.Name) and node.left.value in totals and _is_index(node.right, index):
                return node, node.left.value
        return None
