"""EVAL054: a ratio whose numerator grows every iteration and whose denominator only in a branch."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.stdast import module_nodes, module_tree, names_in
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

LOOPS = (ast.For, ast.AsyncFor, ast.While)


def _increments(body: list[ast.stmt], guards: tuple[ast.If, ...], out: dict[str, list[tuple[ast.AugAssign, tuple]]]
                ) -> None:
    """Every `name += ...` of the loop body with the `if` statements around it (not into nested loops)."""
    for stmt in body:
        if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add) and isinstance(stmt.target, ast.Name):
            out.setdefault(stmt.target.id, []).append((stmt, guards))
        elif isinstance(stmt, ast.If):
            _increments(stmt.body, (*guards, stmt), out)
            _increments(stmt.orelse, (*guards, stmt), out)
        elif isinstance(stmt, (ast.With, ast.AsyncWith, ast.Try)):
            _increments(stmt.body, guards, out)


def _ratio_parts(node: ast.AST) -> tuple[str, str] | None:
    """(numerator, denominator) names of `a / b`, `a / (b + eps)`, `a / max(b, 1)`."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.left, ast.Name)):
        return None
    right = node.right
    if isinstance(right, ast.BinOp) and isinstance(right.op, ast.Add) and isinstance(right.left, ast.Name):
        right = right.left
    elif isinstance(right, ast.Call) and right.args and isinstance(right.args[0], ast.Name):
        right = right.args[0]
    return (node.left.id, right.id) if isinstance(right, ast.Name) else None


class DenominatorCountedInBranch(Rule):
    """
    ## What it does
    Finds a ratio reported after a loop (`total_correct / (denom + 1e-13)`) whose numerator the
    loop adds to on every iteration while its denominator is added to only inside an `if` the
    numerator's increment is not under (`if args.debug: ... denom += labels.size(0)`), when that
    condition reads nothing the numerator's increment reads. The two counts cover different
    iterations. Both counted under one condition, a numerator counted only for the items that pass
    a test (`if pred == y: correct += 1`), and a condition about the counted values themselves
    (`if mask.any(): total += mask.sum()`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `denom += n` inside `if args.debug:` (a logging branch) | yes | `denom += n` beside the numerator |
    | `seen += 1` inside `if verbose:` and `hits += ok` outside | yes | `if ok: hits += 1` with `seen += 1` outside |

    ## Why is this bad?
    The denominator counts only the iterations that took the branch (often none: the branch is for
    debugging), so the accuracy or loss is divided by almost nothing, or by a fraction of the
    items, and comes out wildly off, or depends on a flag that should not change it. When the
    figure picks the best checkpoint or prompt, the selection is made on noise.

    ## Example
        for inputs, labels in dev_loader:
            loss, correct = evaluate(inputs, labels)
            total_correct += correct
            if args.debug:
                log_examples(inputs, labels)
                denom += labels.size(0)
        accuracy = total_correct / (denom + 1e-13)

    Use instead:
        for inputs, labels in dev_loader:
            loss, correct = evaluate(inputs, labels)
            total_correct += correct
            denom += labels.size(0)
            if args.debug:
                log_examples(inputs, labels)
        accuracy = total_correct / (denom + 1e-13)
    """

    code = "EVAL054"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{denominator}` is counted only when `{condition}` holds, while `{numerator}` grows on every "
               "iteration of the loop at line {loop}, so `{text}` (line {used}) divides by the wrong count")
    question = "Should `{denominator}` be counted outside `if {condition}:`, like `{numerator}`?"
    triggers = ("+=",)
    examples = [
        invalid("""
            import torch

            def run(model, evaluator, dev_loader, args, logger, tokenizer, device):
                model.eval()
                total_loss = torch.tensor(0.0, device=device)
                total_correct = torch.tensor(0.0, device=device)
                denom = torch.tensor(0.0, device=device)
                with torch.no_grad():
                    for model_inputs, labels in dev_loader:
                        loss, correct, preds = evaluator(model_inputs, labels, train=False)
                        total_loss += loss.detach() * labels.size(0)
                        total_correct += correct.detach()
                        if args.debug and args.evaluation_strategy == "generative":
                            for label, pred in zip(labels, preds):
                                logger.info("Label: %s - Pred: %s", tokenizer.decode(label), tokenizer.decode(pred))
                            denom += labels.size(0)  # expect: EVAL054
                dev_metric = total_correct / (denom + 1e-13)
                return dev_metric
        """),
        valid("""
            def run(items, grade, verbose):
                hits, seen, kept, shown = 0, 0, 0, 0
                for item in items:
                    ok = grade(item)
                    if ok:
                        hits += 1
                    seen += 1
                    if verbose:
                        print(item)
                        shown += 1
                        kept += 1
                return hits / seen, shown / kept

            def masked(batches):
                correct, total = 0, 0
                for pred, y, mask in batches:
                    correct += ((pred == y) & mask).sum()
                    if mask.any():
                        total += mask.sum()
                return correct / total
        """, note="near misses: the numerator filtered, both in one branch, a condition on the counted values"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for parent in module_nodes(self.ctx):
            block = getattr(parent, "body", None)
            if isinstance(block, list):
                self._block(block)

    def _block(self, block: list[ast.stmt]) -> None:
        for i, stmt in enumerate(block):
            loop = stmt.body[0] if (isinstance(stmt, ast.With) and len(stmt.body) == 1) else stmt
            if not isinstance(loop, LOOPS):
                continue
            increments: dict[str, list[tuple[ast.AugAssign, tuple]]] = {}
            _increments(loop.body, (), increments)
            if len(increments) < 2:
                continue
            for after in block[i + 1:]:
                for n in ast.walk(after):
                    parts = _ratio_parts(n)
                    if parts is None or parts[0] not in increments or parts[1] not in increments:
                        continue
                    if self._check(n, loop, increments[parts[0]], increments[parts[1]], *parts):
                        return

    def _check(self, ratio: ast.AST, loop: ast.AST, numerator: list, denominator: list, num: str, den: str) -> bool:
        if len(numerator) != 1 or len(denominator) != 1:
            return False
        (num_stmt, num_guards), (den_stmt, den_guards) = numerator[0], denominator[0]
        extra = [g for g in den_guards if g not in num_guards]
        if not extra or num_guards:
            return False
        guard = extra[0]
        if names_in(guard.test) & (names_in(num_stmt.value) | names_in(den_stmt.value)):
            return False
        self.ctx.report(type(self), None, line=den_stmt.lineno,
                        fields={"denominator": den, "numerator": num, "condition": ast.unparse(guard.test),
                                "counted": den_stmt.lineno, "used": ratio.lineno, "loop": loop.lineno, "text": ast.unparse(ratio)})
        return True
