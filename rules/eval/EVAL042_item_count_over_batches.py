"""EVAL042: a count of correct items summed over batches divided by the number of batches."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import FUNCTIONS, module_tree, subtree
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes


def _iterable(loop: cst.For) -> cst.BaseExpression:
    """What the loop walks: `loader` of `for x, y in loader` and of `enumerate(loader)`."""
    it = loop.iter
    if isinstance(it, cst.Call) and isinstance(it.func, cst.Name) and it.func.value in ("enumerate", "tqdm") and it.args:
        return it.args[0].value
    if isinstance(it, cst.Call) and isinstance(it.func, cst.Attribute) and it.func.attr.value == "tqdm" and it.args:
        return it.args[0].value
    return it


def _counts_correct(expr: cst.BaseExpression) -> bool:
    """Is `expr` a number of items per batch: a sum of a comparison (`(pred == y).sum()`,
    `pred.eq(y).sum().item()`) or a helper named for counting correct items (`correct(out, y)`),
    rather than a per-batch mean (`.mean()`, `accuracy(...)`)?"""
    compared = summed = False
    for node in iter_nodes(expr):
        if isinstance(node, cst.Call):
            name = node.func.attr.value if isinstance(node.func, cst.Attribute) else \
                node.func.value if isinstance(node.func, cst.Name) else ""
            low = name.lower()
            if low in ("mean", "average", "nanmean") or "acc" in low or "rate" in low:
                return False
            if low in ("sum", "count_nonzero", "nansum"):
                summed = True
            elif low == "eq":
                compared = True
            elif "correct" in low:
                return True
        elif isinstance(node, cst.Comparison) and any(isinstance(c.operator, cst.Equal) for c in node.comparisons):
            compared = True
    return compared and summed


def _len_of(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "len" and len(expr.args) == 1:
        return expr.args[0].value
    return None


# Words of a name for batches of data: a loader, an iterator over batches.
_LOADER_WORDS = frozenset({"loader", "loaders", "dataloader", "dl", "iterator", "batches"})


def _walked(loop: ast.AST) -> str:
    """The name a loop walks: `loader` of `for x, y in loader`, `enumerate(loader)`, `tqdm(loader)`."""
    it = loop.iter
    while isinstance(it, ast.Call) and it.args and (
            isinstance(it.func, ast.Name) and it.func.id in ("enumerate", "tqdm", "iter")
            or isinstance(it.func, ast.Attribute) and it.func.attr == "tqdm"):
        it = it.args[0]
    return it.id if isinstance(it, ast.Name) else ""


def _loader_name(name: str) -> bool:
    return bool(_LOADER_WORDS & set(name_tokens(name)))


def _own(scope: ast.AST) -> list[ast.AST]:
    found, stack = [], list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, (*FUNCTIONS, ast.Lambda, ast.ClassDef)):
            continue
        found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _totals_over(scope: ast.AST) -> dict[str, str]:
    """Names a loop of `scope` adds to per batch, each with the loader walked (`total += ...` in `for ... in loader`)."""
    found: dict[str, str] = {}
    for loop in _own(scope):
        if isinstance(loop, ast.For) and _walked(loop):
            for n in (x for stmt in loop.body for x in subtree(stmt)):
                if isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Add) and isinstance(n.target, ast.Name):
                    found[n.target.id] = _walked(loop)
    return found


def _walkers(tree: ast.Module) -> dict[str, tuple[int, str, list[str]]]:
    """Functions that sum over the loader they are given: name -> (position of that parameter, its name, the
    names returned in order)."""
    found: dict[str, tuple[int, str, list[str]]] = {}
    for f in subtree(tree):
        if not isinstance(f, FUNCTIONS):
            continue
        params = [a.arg for a in f.args.args]
        totals = _totals_over(f)
        returns = [n for n in _own(f) if isinstance(n, ast.Return) and n.value is not None]
        if len(returns) != 1:
            continue
        value = returns[0].value
        names = [e.id if isinstance(e, ast.Name) else "" for e in (value.elts if isinstance(value, ast.Tuple) else [value])]
        walked = {totals[n] for n in names if n in totals}
        if len(walked) == 1 and (loader := walked.pop()) in params:
            found[f.name] = (params.index(loader), loader, names)
    return found


def _divisions(scope: ast.AST) -> list[tuple[ast.AST, str, str]]:
    """`(node, numerator, loader)` for `x / len(loader)` and `x /= len(loader)` in `scope`."""
    found = []
    for n in _own(scope):
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div):
            left, right = n.left, n.right
        elif isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Div):
            left, right = n.target, n.value
        else:
            continue
        if isinstance(left, ast.Name) and isinstance(right, ast.Call) and isinstance(right.func, ast.Name) \
                and right.func.id == "len" and len(right.args) == 1 and isinstance(right.args[0], ast.Name):
            found.append((n, left.id, right.args[0].id))
    return found


class ItemCountOverBatches(Rule):
    """
    ## What it does
    Finds a count of correct predictions that a loop over a data loader adds to once per batch
    (`correct += (pred == target).sum().item()`, `accs += np.array(correct(output, target))`)
    divided, after the loop, by the length of that same loader (`correct / len(test_loader)`,
    `accs /= len(dataloader)`). The length of a loader is its number of batches, not of items. A
    count divided by the number of items (`len(loader.dataset)`, a running `total += y.size(0)`), a
    per-batch mean summed and divided by the batches (`acc += (pred == y).float().mean()`), and a
    loader divided by a loader other than the one walked are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `correct += pred.eq(target).sum().item()` then `100. * correct / len(test_loader)` (function) | yes | `len(test_loader.dataset)` |
    | `accs += np.array(correct(output, target, topk))` then `accs /= len(dataloader)` (helper counting) | yes | `accuracy(output, target)` per batch |
    | `n_ok += (logits.argmax(1) == y).sum()` then `n_ok / len(val_dl)` (notebook) | yes | `.float().mean()` per batch |

    The same mismatch across loaders: a total summed over the batches of one loader (by a loop of
    the scope, or returned by a function of the file that walks the loader it is given:
    `loss_epoch, accuracy_epoch = test(args, arr_test_loader, ...)`) divided by the length of
    another loader (`accuracy_epoch / len(test_loader)`), whose batches are of another size: the
    mean is scaled by the ratio of the two batch counts. A total divided by the length of the
    loader it walked is the first shape's (or a per-batch mean, left alone).

    ## Why is this bad?
    The figure is the number of correct items per batch (about 120 for batches of 128), not a
    fraction: an "accuracy" above 1, or, read as a percentage after `100 *`, far above 100. Where the
    number is rescaled or compared between runs with different batch sizes it silently changes
    with the batch size rather than with the model.

    ## Example
        correct = 0
        for data, target in test_loader:
            pred = model(data).argmax(dim=1)
            correct += pred.eq(target).sum().item()
        accuracy = correct / len(test_loader)

    Use instead:
        accuracy = correct / len(test_loader.dataset)
    """

    code = "EVAL042"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{text}` divides `{total}`, a count of correct items summed over the batches of `{loader}`, by "
               "`len({loader})`, the number of batches: the figure is correct items per batch, not a fraction")
    question = "Should `{text}` at {where} divide by the number of items (`len({loader}.dataset)`) rather than of batches?"
    triggers = ("len(",)
    examples = [
        invalid("""
            import numpy as np
            import torch

            def correct(output, target, topk=(1,)):
                with torch.no_grad():
                    _, pred = output.topk(max(topk), 1, True, True)
                    hits = pred.t().eq(target.view(1, -1).expand_as(pred.t()))
                    return [hits[:k].reshape(-1).float().sum(0).item() for k in topk]

            def accuracy(model, dataloader, topk=(1,)):
                accs = np.zeros(len(topk))
                with torch.no_grad():
                    for i, (input, target) in enumerate(dataloader):
                        output = model(input)
                        accs += np.array(correct(output, target, topk))
                accs /= len(dataloader)  # expect: EVAL042
                return accs
        """),
        valid("""
            import numpy as np
            import torch

            def accuracy(model, dataloader, topk=(1,)):
                accs = np.zeros(len(topk))
                with torch.no_grad():
                    for input, target in dataloader:
                        accs += np.array(correct(model(input), target, topk))
                accs /= len(dataloader.dataset)
                return accs
        """, note="near miss: divided by the number of items"),
        invalid("""
            import torch

            model.eval()
            correct = 0
            with torch.no_grad():
                for data, target in test_loader:
                    pred = model(data).argmax(dim=1, keepdim=True)
                    correct += pred.eq(target.view_as(pred)).sum().item()
            print("Test accuracy: {:.2f}%".format(100.0 * correct / len(test_loader)))  # expect: EVAL042
        """, note="a script: the division inside the report"),
        valid("""
            import torch

            acc = 0.0
            correct = total = 0
            with torch.no_grad():
                for x, y in val_loader:
                    pred = model(x).argmax(1)
                    acc += (pred == y).float().mean().item()
                    correct += (pred == y).sum().item()
                    total += y.size(0)
            print(acc / len(val_loader), correct / total)
        """, note="near miss: a per-batch mean over the batches; a count over a running number of items"),
        invalid("""
            def test(args, loader, model, criterion):
                loss_epoch, accuracy_epoch = 0, 0
                for step, (x, y) in enumerate(loader):
                    output = model(x)
                    loss_epoch += criterion(output, y).item()
                    accuracy_epoch += (output.argmax(1) == y).sum().item() / y.size(0)
                return loss_epoch, accuracy_epoch

            def main(args, model, criterion, test_loader, arr_test_loader):
                loss_epoch, accuracy_epoch = test(args, arr_test_loader, model, criterion)
                print(f"Accuracy: {accuracy_epoch / len(test_loader)}")  # expect: EVAL042
        """, note="a helper's total over one loader divided by another loader's length"),
        valid("""
            def test(args, loader, model, criterion):
                loss_epoch, accuracy_epoch = 0, 0
                for step, (x, y) in enumerate(loader):
                    output = model(x)
                    accuracy_epoch += (output.argmax(1) == y).sum().item() / y.size(0)
                return loss_epoch, accuracy_epoch

            def main(args, model, criterion, test_loader, arr_test_loader):
                loss_epoch, accuracy_epoch = test(args, arr_test_loader, model, criterion)
                print(f"Accuracy: {accuracy_epoch / len(arr_test_loader)}")
                n_batches = len(test_loader)
                return accuracy_epoch / len(arr_test_loader), n_batches
        """, note="near miss: divided by the loader it was summed over"),
        invalid({"eval.ipynb": notebook(
            """
            n_ok = 0
            for xb, yb in val_dl:
                n_ok += (model(xb).argmax(1) == yb).sum()
            """,
            """
            print(n_ok / len(val_dl))  # expect: EVAL042
            """,
        )}, note="notebook: the division in the next cell"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        self._block(node.body)
        self._across_loaders()

    def _across_loaders(self) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        walkers: dict[str, tuple[int, str, list[str]]] | None = None
        for scope in [tree, *(f for f in subtree(tree) if isinstance(f, FUNCTIONS))]:
            divisions = _divisions(scope)
            if not divisions:  # nothing to report in this scope: its totals are not needed (issue 12)
                continue
            if walkers is None:
                walkers = _walkers(tree)
            # (line, name, loader): where a name last became a total over a loader's batches.
            summed: list[tuple[int, str, str]] = [
                (loop.lineno, n.target.id, _walked(loop)) for loop in _own(scope) if isinstance(loop, ast.For)
                and _walked(loop) for stmt in loop.body for n in subtree(stmt)
                if isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Add) and isinstance(n.target, ast.Name)]
            for n in _own(scope):
                if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Name) \
                        and n.value.func.id in walkers and len(n.targets) == 1:
                    position, param, names = walkers[n.value.func.id]
                    args = n.value.args
                    given = args[position] if position < len(args) else next(
                        (k.value for k in n.value.keywords if k.arg == param), None)
                    target = n.targets[0]
                    bound = [e.id if isinstance(e, ast.Name) else "" for e in
                             (target.elts if isinstance(target, ast.Tuple) else [target])]
                    if isinstance(given, ast.Name) and len(bound) == len(names):
                        summed.extend((n.lineno, b, given.id) for b, r in zip(bound, names) if b and r)
                elif isinstance(n, ast.Assign):
                    summed.extend((n.lineno, t.id, "") for t in n.targets if isinstance(t, ast.Name))
            for division, total, divisor in divisions:
                before = [entry for entry in summed if entry[1] == total and entry[0] < division.lineno]
                walked = max(before)[2] if before else ""
                if walked and walked != divisor and _loader_name(walked) and _loader_name(divisor):
                    self.ctx.report(type(self), None, line=division.lineno, message=(
                        "`{total}` is summed over the batches of `{walked}` but divided by `len({divisor})`, the "
                        "batch count of another loader: the figure is scaled by the ratio of the two counts"),
                        question="Should `{total}` at {where} be divided by `len({walked})`, the loader it was summed over?",
                        fields={"total": total, "walked": walked, "divisor": divisor})

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._block(node.body)

    def _block(self, body: tuple[cst.BaseStatement, ...] | list[cst.BaseStatement]) -> None:
        for k, stmt in enumerate(body):
            loop = stmt
            while isinstance(loop, cst.With) and isinstance(loop.body, cst.IndentedBlock) and len(loop.body.body) == 1:
                loop = loop.body.body[0]  # `with torch.no_grad(): for ...`
            if not isinstance(loop, cst.For):
                if isinstance(stmt, cst.With):
                    self._with_block(stmt, body[k + 1:])
                continue
            self._after(loop, body[k + 1:])

    def _with_block(self, stmt: cst.With, after: tuple[cst.BaseStatement, ...] | list[cst.BaseStatement]) -> None:
        """`with torch.no_grad():` holding the loop among other statements: the totals of its loops."""
        if not isinstance(stmt.body, cst.IndentedBlock):
            return
        inner = list(stmt.body.body)
        for j, s in enumerate(inner):
            if isinstance(s, cst.For):
                self._after(s, list(inner[j + 1:]) + list(after))

    def _after(self, loop: cst.For, after: tuple[cst.BaseStatement, ...] | list[cst.BaseStatement]) -> None:
        loader = self.ctx.code(_iterable(loop)).strip()
        totals = {}
        for node in iter_nodes(loop.body):
            if isinstance(node, cst.AugAssign) and isinstance(node.operator, cst.AddAssign) \
                    and isinstance(node.target, cst.Name) and _counts_correct(node.value):
                totals[node.target.value] = node
        if not totals:
            return
        for later in after:
            for node in iter_nodes(later):
                if isinstance(node, cst.AugAssign) and isinstance(node.operator, cst.DivideAssign):
                    left, right = node.target, node.value
                elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
                    left, right = node.left, node.right
                else:
                    continue
                if isinstance(left, cst.BinaryOperation) and isinstance(left.operator, cst.Multiply):
                    left = left.right  # `100. * correct / len(loader)`
                of = _len_of(right)
                if isinstance(left, cst.Name) and left.value in totals and of is not None \
                        and self.ctx.code(of).strip() == loader:
                    seen = self.__dict__.setdefault("_reported", set())
                    if id(node) in seen:  # reached from the loop's block and from the `with` around it
                        return
                    seen.add(id(node))
                    self.report(node, related=[Location(self.ctx.path, self.ctx.line_of(totals[left.value]),
                                                        "the count added per batch")],
                                text=self.ctx.code(node).strip(), total=left.value, loader=loader)
                    return
