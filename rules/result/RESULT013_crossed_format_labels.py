"""RESULT013: two values formatted into a text under each other's labels."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# `{}` and `{:.3f}` (automatic numbering), and printf's `%s` / `%.4f`.
_BRACE_SLOT = re.compile(r"(?<!\{)\{(?::[^{}]*)?\}(?!\})")
_PERCENT_SLOT = re.compile(r"%[-+ 0#]*\d*(?:\.\d+)?[sdifgeGExr]")
# Words of an argument that do not say what it holds.
_NOISE = frozenset({"self", "args", "cfg", "config", "metrics", "metric", "results", "result", "stats", "logs",
                    "item", "np", "float", "round"})


class CrossedFormatLabels(Rule):
    """
    ## What it does
    Finds a text filled by position (`"...{}...{}".format(a, b)`, `"...%s...%s" % (a, b)`) in
    which two values sit under each other's labels: the words before one slot name the value put
    in the other slot, and the other way round, as in `'val_acc_{}_train_acc_{}'.format(train_acc,
    val_acc)` or `"train loss {:.3f} val loss {:.3f}".format(val_loss, train_loss)`. A value's
    name (a variable, an attribute, a string key) must be fully named by the label it belongs
    under and not by its own; labels that name neither are left alone.

    ## Why is this bad?
    The log line, the checkpoint's file name or the results row reports the training accuracy as
    the validation accuracy. Whoever picks the checkpoint with the best `val_acc` in its name, or
    copies the printed numbers into a table, picks and reports the wrong split, and the numbers
    look plausible.

    ## Example
        name = "val_acc_{}_train_acc_{}_epoch_{}.pth".format(train_acc, val_acc, epoch)

    Use instead:
        name = f"val_acc_{val_acc}_train_acc_{train_acc}_epoch_{epoch}.pth"
    """

    code = "RESULT013"
    category = "RESULT-PROVENANCE"
    severity = Severity.ERROR
    message = ("`{first}` is formatted under the label `{first_label}` and `{second}` under `{second_label}`: "
               "the two values are crossed")
    question = "Are `{first}` and `{second}` at {where} in the order their labels say?"
    examples = [
        invalid("""
            import os
            import torch

            def save(model, train_metric, val_metric, epoch, model_dir):
                train_acc, val_acc = train_metric["accuracy"], val_metric["accuracy"]
                file_name = ('val_acc_{}_train_acc_{}_epoch_{}.pth'.  # expect: RESULT013
                             format(train_acc, val_acc, epoch))
                torch.save(model, os.path.join(model_dir, file_name))
        """),
        invalid("""
            print("epoch %d train loss %.4f val loss %.4f" % (epoch, val_loss, train_loss))  # expect: RESULT013
        """, note="printf style"),
        invalid("""
            logger.info("test acc: {:.2f} | dev acc: {:.2f}".format(results["dev_acc"], results["test_acc"]))  # expect: RESULT013
        """, note="values read by key"),
        valid("""
            file_name = 'val_acc_{}_train_acc_{}_epoch_{}.pth'.format(val_acc, train_acc, epoch)
            print("epoch %d train loss %.4f val loss %.4f" % (epoch, train_loss, val_loss))
        """),
        valid("""
            print("{} vs {}".format(train_acc, val_acc))
            print("acc {} loss {}".format(acc, loss))
            print("best {} at {}".format(best_epoch, best_acc))
        """, note="near miss: labels that name neither value, or only one of them"),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "format":
            template = string_value(func.value)
            if template is None or any(a.keyword is not None or a.star for a in node.args):
                return
            self._check(node, template, _BRACE_SLOT, [a.value for a in node.args])

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if not isinstance(node.operator, cst.Modulo) or not isinstance(node.right, cst.Tuple):
            return
        template = string_value(node.left)
        if template is None:
            return
        self._check(node, template, _PERCENT_SLOT, [e.value for e in node.right.elements])

    def _check(self, node: cst.CSTNode, template: str, slot: re.Pattern, values: list[cst.BaseExpression]) -> None:
        pieces = slot.split(template)
        if len(pieces) - 1 != len(values):
            return
        labels = [set(name_tokens(piece)) for piece in pieces[:-1]]
        names = [_words(value) for value in values]
        for i, (label_i, words_i) in enumerate(zip(labels, names)):
            if not words_i or words_i <= label_i:
                continue
            for j in range(i + 1, len(values)):
                words_j = names[j]
                if words_j and not words_j <= labels[j] and words_i <= labels[j] and words_j <= label_i:
                    self.report(node, first=self.ctx.code(values[i]), second=self.ctx.code(values[j]),
                                first_label=pieces[i].strip(" _:|=,-") or "?",
                                second_label=pieces[j].strip(" _:|=,-") or "?")
                    return


def _words(value: cst.BaseExpression) -> set[str]:
    """The words of what the value is called: `val_acc`, `self.val_acc`, `results["val_acc"]`."""
    if isinstance(value, cst.Call) and value.args and isinstance(value.func, cst.Name):
        value = value.args[0].value  # round(x, 3), float(x)
    name = None
    if isinstance(value, cst.Name):
        name = value.value
    elif isinstance(value, cst.Attribute):
        name = value.attr.value
    elif isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index):
        name = string_value(value.slice[0].slice.value)
    return {w for w in name_tokens(name or "") if w not in _NOISE}
