"""EVAL053: after a loop that sums or collects a per-batch value, the figure reads the last batch's value."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree, names_in, own_nodes
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

COUNT_WORDS = frozenset({"denom", "denominator", "count", "counts", "cnt", "n", "num", "total", "seen", "samples",
                         "examples", "items", "size", "nb", "numel", "instances", "tokens"})
LOOPS = (ast.For, ast.AsyncFor)
# Reductions of a collection: given the loop's per-iteration name instead of the list the loop filled, they
# summarise the last iteration alone (`np.mean(mse)` after `mses.append(mse)`).
REDUCERS = frozenset({"mean", "nanmean", "average", "median", "nanmedian", "std", "nanstd", "var", "fmean",
                      "sum", "nansum", "max", "min"})
COLLECTS = frozenset({"append", "extend"})
REDUCED_MESSAGE = ("`{text}` reduces `{value}`, which after the loop at line {loop} holds the last iteration only: "
                   "the list `{total}` the loop appended it to is not used")
REDUCED_QUESTION = "Should `{text}` reduce `{total}` (every iteration's values) instead of `{value}` (the last one)?"


def _bound(target: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def _loop_facts(loop: ast.AST) -> tuple[set[str], dict[str, str], set[str], dict[str, str]]:
    """(names the body binds, {per-batch name: total it is added to}, names the body counts up,
    {per-batch name: list it is appended to})."""
    bound: set[str] = set()
    totals: dict[str, str] = {}
    counted: set[str] = set()
    collected: dict[str, str] = {}
    for n in own_nodes(loop):
        if n is loop:
            continue
        if isinstance(n, ast.Assign):
            for t in n.targets:
                bound |= _bound(t)
        elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name):
            counted.add(n.target.id)
            for name in names_in(n.value) - {n.target.id}:
                totals.setdefault(name, n.target.id)
        elif isinstance(n, ast.Call):
            args = [a.id for a in n.args if isinstance(a, ast.Name)]
            func = n.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr in (
                    "update", "append", "extend", "add_"):
                if func.attr in COLLECTS and len(args) == 1 and args[0] != func.value.id:
                    collected.setdefault(args[0], func.value.id)
                args = [func.value.id, *args]
            if len(args) == 2 and args[0] != args[1]:
                totals.setdefault(args[1], args[0])  # `update_metrics(total_metrics, metrics)`
    return bound, totals, counted, collected


def _reducer(call: ast.Call) -> str | None:
    """`np.mean`, `torch.mean`, `statistics.mean`, `mean` -> its last name when it reduces a collection."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if name not in REDUCERS or len(call.args) != 1 or call.keywords:
        return None
    if isinstance(func, ast.Name) and name in ("sum", "max", "min"):
        return None  # builtins over one value fail loudly or are a different idiom
    return name


class LastBatchValueOverTotalCount(Rule):
    """
    ## What it does
    Finds, after a loop over batches that adds each batch's value to a total
    (`utils.update_metrics(total_metrics, metrics)`, `total_loss += loss`, `all_hits.append(hits)`)
    and counts the items (`denom += batch_size`), a figure that combines the per-batch name with
    that count: `score_fn(metrics, denom)`, `loss / n_seen`. After the loop the per-batch name holds
    the last batch only. A figure over the total (`score_fn(total_metrics, denom)`), a per-batch
    name bound again after the loop, and a count that is a step number (`writer.add_scalar("loss",
    loss, global_step)`: the last value logged at its step) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `score_fn(metrics, denom)` after `update_metrics(total_metrics, metrics)` | yes | `score_fn(total_metrics, denom)` |
    | `acc = correct / n_seen` after `total_correct += correct` (notebook) | yes | `total_correct / n_seen` |
    | `loss / count` after `total_loss += loss` | yes | `add_scalar("loss", loss, global_step)` |
    | `np.mean(mse)` after `mses.append(mse)` in a loop over targets | yes | `np.mean(mses)`; `np.mean(loss)` inside the loop |

    ## Why is this bad?
    The reported test score is one batch's metric divided by the size of the whole test set (or
    one batch's figure presented as the set's): a number far too small, or a noisy single-batch
    value, that looks like the evaluation of every item. The total the loop built is never used.
    The same holds for a reduction (`np.mean`, `np.median`, `torch.mean`, `statistics.mean`) given
    the per-iteration name instead of the list the loop appended it to: `np.mean(mse)` after
    `mses.append(mse)` is the last target's error, reported as the mean over all targets.

    ## Example
        total_metrics, denom = {}, 0
        for inputs, labels in test_loader:
            _, metrics, _ = evaluator(inputs, labels)
            update_metrics(total_metrics, metrics)
            denom += labels.size(0)
        score = score_fn(metrics, denom)

    Use instead:
        score = score_fn(total_metrics, denom)
    """

    code = "EVAL053"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{text}` reads `{value}`, which after the loop at line {loop} holds the last batch only, with "
               "`{count}` counted over every batch: the loop's total `{total}` is not used")
    question = "Should `{text}` read `{total}` (the loop's total) instead of `{value}` (the last batch's)?"
    triggers = ("+=", ".append(", ".extend(")
    examples = [
        invalid("""
            import torch

            def test(model, evaluator, test_loader, score_fn, update_metrics, device):
                model.eval()
                total_metrics = {}
                denom = torch.tensor(0.0, device=device)
                with torch.no_grad():
                    for model_inputs, labels in test_loader:
                        labels = labels.to(device)
                        _, metrics, preds = evaluator(model_inputs, labels, train=False)
                        update_metrics(total_metrics, metrics)
                        denom += labels.size(0)
                score = score_fn(metrics, denom)  # expect: EVAL053
                return score.item()
        """),
        invalid({"eval.ipynb": notebook(
            """
            total_correct, n_seen = 0, 0
            for x, y in loader:
                correct = (model(x).argmax(1) == y).sum().item()
                total_correct += correct
                n_seen += len(y)
            """,
            """
            acc = correct / n_seen  # expect: EVAL053
            print(acc)
            """,
        )}, note="notebook: the division in the next cell"),
        invalid("""
            import numpy as np
            import scipy.stats
            from sklearn.metrics import mean_squared_error

            def evaluate(pred, targets):
                rmses, pearsons = [], []
                for i in range(pred.shape[1]):
                    rmse = mean_squared_error(pred[:, i], targets[:, i], squared=False)
                    pearson = scipy.stats.pearsonr(pred[:, i], targets[:, i])[0]
                    rmses.append(rmse)
                    pearsons.append(pearson)
                return np.mean(rmse), np.mean(pearsons)  # expect: EVAL053
        """, note="a reduction of the per-target name after the loop that collected it"),
        valid("""
            import numpy as np

            def evaluate(pred, targets, batches, step):
                rmses = []
                for i in range(pred.shape[1]):
                    rmse = float(np.sqrt(np.mean((pred[:, i] - targets[:, i]) ** 2)))
                    rmses.append(rmse)
                losses = []
                for batch in batches:
                    loss = step(batch)
                    losses.append(loss)
                    print(np.mean(loss))
                scores = []
                for batch in batches:
                    scores.append(step(batch))
                score = np.array(scores)
                return np.mean(rmses), np.mean(losses), np.median(score)
        """, note="near misses: the list reduced; a per-batch value reduced inside the loop; the name bound again"),
        valid("""
            def test(evaluator, test_loader, score_fn, update_metrics, writer):
                total_metrics, denom, global_step = {}, 0, 0
                total_loss = 0.0
                for inputs, labels in test_loader:
                    loss, metrics, _ = evaluator(inputs, labels)
                    update_metrics(total_metrics, metrics)
                    total_loss += loss
                    denom += len(labels)
                    global_step += 1
                writer.add_scalar("loss", loss, global_step)
                mean_loss = total_loss / denom
                metrics = {k: v / denom for k, v in total_metrics.items()}
                return score_fn(total_metrics, denom), score_fn(metrics, denom), mean_loss
        """, note="near misses: the total used, the last loss logged at its step, the name bound again"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for parent in module_nodes(self.ctx):
            for field in ("body", "orelse", "finalbody"):
                block = getattr(parent, field, None)
                if isinstance(block, list):
                    self._block(block)

    def _block(self, block: list[ast.stmt]) -> None:
        for i, loop in enumerate(block):
            if isinstance(loop, ast.With) and len(loop.body) == 1 and isinstance(loop.body[0], LOOPS):
                loop = loop.body[0]  # `with torch.no_grad(): for ...`
            if not isinstance(loop, LOOPS):
                continue
            bound, totals, counted, collected = _loop_facts(loop)
            counts = {c for c in counted if set(name_tokens(c)) & COUNT_WORDS and c not in totals}
            values = {v: t for v, t in totals.items() if v in bound and t != v and v not in counted}
            if counts and values:
                self._after(block[i + 1:], loop, values, counts)
            kept = {v: t for v, t in collected.items() if v in bound and v not in counted and t not in bound}
            if kept:
                self._reduced(block[i + 1:], loop, kept)

    def _reduced(self, rest: list[ast.stmt], loop: ast.AST, kept: dict[str, str]) -> None:
        """`np.mean(mse)` after a loop that binds `mse` and appends it to `mses`: the last iteration's value."""
        live = dict(kept)
        for stmt in rest:
            if isinstance(stmt, LOOPS):
                return  # the name may be the next loop's own
            for n in ast.walk(stmt):
                if isinstance(n, ast.Call) and _reducer(n) and isinstance(n.args[0], ast.Name) \
                        and n.args[0].id in live:
                    value = n.args[0].id
                    self.ctx.report(type(self), None, line=n.lineno, message=REDUCED_MESSAGE, question=REDUCED_QUESTION,
                        fields={"text": ast.unparse(n), "value": value, "count": "-", "total": live[value],
                                "loop": loop.lineno})
                    return
            if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for t in targets:
                    for name in _bound(t):
                        live.pop(name, None)

    def _after(self, rest: list[ast.stmt], loop: ast.AST, values: dict[str, str], counts: set[str]) -> None:
        live = dict(values)
        for stmt in rest:
            for n in ast.walk(stmt):
                operands: list[ast.AST] = []
                if isinstance(n, ast.Call):
                    operands = list(n.args)
                elif isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Div, ast.FloorDiv)):
                    operands = [n.left, n.right]
                names = [o.id for o in operands if isinstance(o, ast.Name)]
                value = next((v for v in names if v in live), None)
                count = next((c for c in names if c in counts), None)
                if value and count and live[value] not in names_in(n):
                    self.ctx.report(type(self), None, line=n.lineno,
                                    fields={"text": ast.unparse(n), "value": value, "count": count,
                                            "total": live[value], "loop": loop.lineno})
                    return
            if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for t in targets:
                    for name in _bound(t):
                        live.pop(name, None)
