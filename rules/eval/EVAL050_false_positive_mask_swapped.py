"""EVAL050: a false-positive (or false-negative) count whose mask selects the other kind of error."""
from __future__ import annotations

import ast
import itertools

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

TRUTH_WORDS = frozenset({"true", "gt", "target", "targets", "label", "labels", "truth", "gold", "actual", "ref",
                         "reference", "y", "groundtruth", "ground"})
PRED_WORDS = frozenset({"pred", "preds", "prediction", "predictions", "predicted", "hat", "yhat", "output", "outputs",
                        "out", "guess", "guesses", "pr"})
FP_NAMES = frozenset({"fp", "fps", "false_pos", "false_positive", "false_positives", "n_fp", "num_fp", "nfp"})
FN_NAMES = frozenset({"fn", "fns", "false_neg", "false_negative", "false_negatives", "n_fn", "num_fn", "nfn"})
# Calls and methods that keep a mask's values: `.sum(dim=1)`, `.float()`, `np.sum(x)`, `torch.count_nonzero(x)`.
PASS_THROUGH = frozenset({"sum", "float", "bool", "long", "int", "double", "astype", "item", "cpu", "numpy", "type",
                          "count_nonzero", "nansum", "to", "detach", "squeeze", "flatten", "ravel", "mean"})


def _side(node: ast.AST) -> str:
    """'t' for a truth operand (`y_true`, `gt`, `self.targets`), 'p' for a prediction (`y_pred_offset`,
    `preds`), '' otherwise."""
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    elif isinstance(node, ast.Subscript):
        return _side(node.value)
    else:
        return ""
    words = set(name_tokens(name))
    if words & PRED_WORDS and not (words & {"true", "gt", "truth", "gold"}):
        return "p"
    if words & TRUTH_WORDS:
        return "t"
    return ""


def _value(node: ast.AST, t: int, p: int, seen: set[str]) -> int | None:
    """The 0/1 value of a mask expression for a truth value `t` and a predicted value `p`."""
    side = _side(node)
    if side:
        seen.add(side)
        return t if side == "t" else p
    if isinstance(node, ast.Constant) and node.value in (0, 1, True, False):
        return int(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Invert, ast.Not)):
        v = _value(node.operand, t, p, seen)
        return None if v is None else 1 - v
    if isinstance(node, ast.BinOp):
        a, b = _value(node.left, t, p, seen), _value(node.right, t, p, seen)
        if a is None or b is None:
            return None
        if isinstance(node.op, (ast.BitAnd, ast.Mult)):
            return a & b
        if isinstance(node.op, ast.BitOr):
            return a | b
        if isinstance(node.op, ast.Sub) and isinstance(node.left, ast.Constant):
            return a - b if a - b in (0, 1) else None
        return None
    if isinstance(node, ast.BoolOp):
        values = [_value(v, t, p, seen) for v in node.values]
        if any(v is None for v in values):
            return None
        return int(all(values)) if isinstance(node.op, ast.And) else int(any(values))
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        a, b = _value(node.left, t, p, seen), _value(node.comparators[0], t, p, seen)
        if a is None or b is None:
            return None
        return int((a == b) == isinstance(node.ops[0], ast.Eq))
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        args = [a for a in node.args]
        if name in {"logical_and", "logical_or"} and len(args) == 2:
            a, b = _value(args[0], t, p, seen), _value(args[1], t, p, seen)
            if a is None or b is None:
                return None
            return a & b if name == "logical_and" else a | b
        if name in {"logical_not", "bitwise_not"} and len(args) == 1:
            v = _value(args[0], t, p, seen)
            return None if v is None else 1 - v
        if name in PASS_THROUGH:
            if isinstance(func, ast.Attribute) and not (isinstance(func.value, ast.Name) and func.value.id in {"np", "numpy", "torch"}):
                return _value(func.value, t, p, seen)
            if args:
                return _value(args[0], t, p, seen)
        return None
    return None


def truth_table(code: str) -> dict[tuple[int, int], int] | None:
    """{(truth, prediction): mask} for a mask expression over one truth and one prediction operand."""
    try:
        tree = ast.parse(code.strip(), mode="eval").body
    except SyntaxError:
        return None
    seen: set[str] = set()
    table = {}
    for t, p in itertools.product((0, 1), repeat=2):
        v = _value(tree, t, p, seen)
        if v is None:
            return None
        table[(t, p)] = v
    return table if seen == {"t", "p"} else None


def _counted(name: str) -> str:
    lowered = "_".join(name_tokens(name))
    if lowered in FP_NAMES:
        return "fp"
    if lowered in FN_NAMES:
        return "fn"
    return ""


class FalsePositiveMaskSwapped(Rule):
    """
    ## What it does
    Finds a count named for false positives (`FP`, `fp`, `false_positives`) whose mask selects the
    items that are positive in the truth and negative in the prediction (the false negatives), or a
    false-negative count that selects the false positives. The truth and the prediction are told
    apart by their names (`y_true`, `gt`, `target`, `labels` against `y_pred`, `pred`, `output`), and
    the mask is worked out for the four truth/prediction pairs; `&`, `*`, `~`, `1 - x`, `== 0/1`,
    `np.logical_and/not`, `.sum()` and `.float()` are followed.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `self.FP += (y_true & ~y_pred).sum(dim=dims).float()` (torch, a metric class) | yes | `self.FP += (~y_true & y_pred).sum(...)` |
    | `fp = np.sum((gt == 1) & (pred == 0))` (numpy, a function) | yes | `fp = np.sum((gt == 0) & (pred == 1))` |
    | `fn = np.logical_and(preds, np.logical_not(labels)).sum()` (notebook) | yes | `fn = np.logical_and(labels, np.logical_not(preds)).sum()` |
    | `fp = (target * (1 - output)).sum()` (soft counts) | yes | `fp = ((1 - target) * output).sum()` |

    ## Why is this bad?
    Precision is TP / (TP + FP) and recall TP / (TP + FN): with the two error counts swapped,
    the reported precision is the recall and the other way round, and every F-score, threshold
    choice or precision-recall comparison built on them describes another model. The code runs
    and the numbers look plausible.

    ## Example
        self.TP += (y_true & y_pred).sum()
        self.FP += (y_true & ~y_pred).sum()
        self.FN += (~y_true & y_pred).sum()

    Use instead:
        self.FP += (~y_true & y_pred).sum()
        self.FN += (y_true & ~y_pred).sum()
    """

    code = "EVAL050"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{target}` is named for {named} but its mask selects items that are {selects}: the counts of "
               "false positives and false negatives are swapped, and precision and recall with them")
    question = "Does `{target}` count {named}? Its mask selects items that are {selects}"
    triggers = ("fp", "FP", "fn", "FN", "false_pos", "false_neg")
    examples = [
        invalid("""
            import torch

            class MultiThresholdMetric:
                def __init__(self, thresholds):
                    self._thresholds = thresholds
                    self._data_dims = (-1, -2, -3, -4)
                    self.TP = self.TN = self.FP = self.FN = 0

                def add_sample(self, y_true, y_pred):
                    y_true = y_true.bool()[None, ...]
                    y_pred_offset = (y_pred - self._thresholds + 0.5).round().bool()
                    self.TP += (y_true & y_pred_offset).sum(dim=self._data_dims).float()
                    self.TN += (~y_true & ~y_pred_offset).sum(dim=self._data_dims).float()
                    self.FP += (y_true & ~y_pred_offset).sum(dim=self._data_dims).float()  # expect: EVAL050
                    self.FN += (~y_true & y_pred_offset).sum(dim=self._data_dims).float()

                @property
                def precision(self):
                    return self.TP / (self.TP + self.FP)
        """, note="a metric class (torch): both error counts swapped, reported once at the false positives"),
        valid("""
            import torch

            class MultiThresholdMetric:
                def add_sample(self, y_true, y_pred):
                    y_true = y_true.bool()[None, ...]
                    y_pred_offset = (y_pred - self._thresholds + 0.5).round().bool()
                    self.TP += (y_true & y_pred_offset).sum(dim=self._data_dims).float()
                    self.FP += (~y_true & y_pred_offset).sum(dim=self._data_dims).float()
                    self.FN += (y_true & ~y_pred_offset).sum(dim=self._data_dims).float()
        """, note="near miss: each count selects its own error"),
        invalid("""
            import numpy as np

            def precision_recall(gt, pred):
                tp = np.sum((gt == 1) & (pred == 1))
                fp = np.sum((gt == 1) & (pred == 0))  # expect: EVAL050
                fn = np.sum((gt == 0) & (pred == 1))
                return tp / (tp + fp), tp / (tp + fn)
        """, note="numpy comparisons in a function"),
        valid("""
            import numpy as np

            def precision_recall(gt, pred):
                tp = np.sum((gt == 1) & (pred == 1))
                fp = np.sum((gt == 0) & (pred == 1))
                fn = np.sum((gt == 1) & (pred == 0))
                fp_rate = fp / max(np.sum(gt == 0), 1)
                return tp / (tp + fp), tp / (tp + fn)
        """, note="near miss: the right masks"),
        invalid({"scores.ipynb": notebook(
            """
            import numpy as np
            preds = probs > 0.5
            """,
            """
            tp = np.logical_and(preds, labels).sum()
            fn = np.logical_and(preds, np.logical_not(labels)).sum()  # expect: EVAL050
            print("recall", tp / (tp + fn))
            """,
        )}, note="notebook: logical_and / logical_not"),
        valid({"scores.ipynb": notebook(
            """
            import numpy as np
            preds = probs > 0.5
            """,
            """
            tp = np.logical_and(preds, labels).sum()
            fn = np.logical_and(labels, np.logical_not(preds)).sum()
            fn = len(missed)
            print("recall", tp / (tp + fn))
            """,
        )}, note="near miss (notebook): a false negative is a missed positive"),
        invalid("""
            def soft_f1(output, target, eps=1e-7):
                tp = (target * output).sum()
                fp = (target * (1 - output)).sum()  # expect: EVAL050
                fn = ((1 - target) * output).sum()
                return 2 * tp / (2 * tp + fp + fn + eps)
        """, note="soft counts of probabilities"),
        valid("""
            def soft_f1(output, target, eps=1e-7):
                tp = (target * output).sum()
                fp = ((1 - target) * output).sum()
                fn = (target * (1 - output)).sum()
                return 2 * tp / (2 * tp + fp + fn + eps)
        """, note="near miss: soft counts the right way round"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        false_negative = {(1, 0): 1, (0, 1): 0, (1, 1): 0, (0, 0): 0}
        false_positive = {(1, 0): 0, (0, 1): 1, (1, 1): 0, (0, 0): 0}
        hits: list[tuple[str, cst.CSTNode, str]] = []
        for n in iter_nodes(node):
            if isinstance(n, cst.Assign) and len(n.targets) == 1:
                target, value = n.targets[0].target, n.value
            elif isinstance(n, cst.AugAssign) and isinstance(n.operator, cst.AddAssign):
                target, value = n.target, n.value
            else:
                continue
            name = target.value if isinstance(target, cst.Name) else (
                target.attr.value if isinstance(target, cst.Attribute) else "")
            kind = _counted(name) if name else ""
            if not kind:
                continue
            table = truth_table(self.ctx.code(value))
            if (kind == "fp" and table == false_negative) or (kind == "fn" and table == false_positive):
                hits.append((kind, n, name))
        fp_lines = [self.ctx.line_of(n) or 0 for kind, n, _ in hits if kind == "fp"]
        for kind, n, name in hits:
            line = self.ctx.line_of(n) or 0
            if kind == "fn" and any(abs(line - other) <= 5 for other in fp_lines):
                continue  # both counts swapped: one finding, at the false positives
            if kind == "fp":
                self.report(n, target=name, named="false positives",
                            selects="positive in the truth and negative in the prediction (false negatives)")
            else:
                self.report(n, target=name, named="false negatives",
                            selects="negative in the truth and positive in the prediction (false positives)")
