"""EVAL051: fastai predictions or a validation pass on the training loader reported as held-out figures."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.dataflow.knowledge import name_role
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Learner methods that take a loader index (`ds_idx`, first positional) or a loader (`dl=`).
_METHODS = frozenset({"get_preds", "validate", "tta"})
# Words that label a figure as held-out, in a string or a name written after the call.
_HELD_OUT = re.compile(r"(?i)(?<![a-z])(valid\w*|val|test\w*|holdout|held[ _-]?out|dev)(?![a-z])")
_TRAIN = re.compile(r"(?i)(?<![a-z])(train\w*|training|fit)(?![a-z])")
_STRING = re.compile(r"""(?s)(?:[rbfuRBFU]{0,2})("[^"\n]*"|'[^'\n]*')""")


def _training_loader(node: cst.Call) -> str:
    """`ds_idx=0`, `get_preds(0)`, `dl=dls.train`, `dl=dls[0]`, `dl=learn.dls.train_dl`: the training
    loader named in the call, as code, or ''."""
    for i, arg in enumerate(node.args):
        value = arg.value
        if (arg.keyword is not None and arg.keyword.value == "ds_idx") or (arg.keyword is None and i == 0 and not arg.star):
            if isinstance(value, cst.Integer) and value.value == "0":
                return "ds_idx=0"
        if arg.keyword is not None and arg.keyword.value == "dl":
            if isinstance(value, cst.Attribute) and value.attr.value in ("train", "train_dl"):
                return f"dl={_code(value)}"
            if isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index) \
                    and isinstance(value.slice[0].slice.value, cst.Integer) and value.slice[0].slice.value.value == "0" \
                    and isinstance(value.value, (cst.Name, cst.Attribute)) and _code(value.value).endswith("dls"):
                return f"dl={_code(value)}"
    return ""


def _code(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_code(node.value)}.{node.attr.value}"
    if isinstance(node, cst.Subscript):
        return f"{_code(node.value)}[...]"
    return "..."


class FastaiTrainingLoaderAsHeldOut(Rule):
    """
    ## What it does
    Finds a fastai `Learner.get_preds`, `validate` or `tta` call given the training loader
    (`ds_idx=0`, `get_preds(0)`, `dl=dls.train`, `dl=dls[0]`) whose result is then labelled as a
    held-out figure: a string or a name written after it in the same function (or script) says
    validation or test (`print(f"validation F1 {f1}")`, `{"valid_f1": f1}`), and nothing assigned
    from the call says training. In fastai, index 0 of a `DataLoaders` is the training loader and
    index 1 the validation loader (the default of `get_preds` and `validate`).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `probs, targs = learn.get_preds(ds_idx=0)` then `print(f"validation F1 {f1}")` | yes | `ds_idx=1`, or no `ds_idx` (the validation loader) |
    | `learn.validate(dl=dls.train)` printed as the validation loss | yes | `train_loss = learn.validate(ds_idx=0)[0]` labelled as training |

    ## Why is this bad?
    The training loader's predictions are scored: the model has fit those rows, so the "validation"
    figure is a training figure, optimistic by the size of the model's overfitting.

    ## Example
        probs, targs = learn.get_preds(ds_idx=0)
        print("validation F1", f1_score(targs, probs.argmax(1)))

    Use instead:
        probs, targs = learn.get_preds(ds_idx=1)
        print("validation F1", f1_score(targs, probs.argmax(1)))
    """

    code = "EVAL051"
    category = "EVAL-TRAIN"
    severity = Severity.ERROR
    message = ("`{call}` runs on fastai's training loader (`{loader}`: index 0 is the training set), and the result is "
               "labelled as held-out ({label}): the figure is measured on rows the model was fit on")
    question = "Is the figure computed from `{call}` at {where} (the training loader) reported as a held-out figure?"
    triggers = ("fastai",)
    examples = [
        invalid("""
            from fastai.tabular.all import tabular_learner
            from sklearn.metrics import f1_score
            learn = tabular_learner(dls, layers=[200, 100])
            learn.fit_one_cycle(8, 3e-3)
            probs, targs = learn.get_preds(ds_idx=0)  # expect: EVAL051
            f1 = f1_score(targs.numpy(), probs.argmax(dim=1).numpy())
            print(f"validation F1 {f1:.4f}")
        """, note="probe17: index 0 is the training loader; the F1 is printed as a validation figure"),
        valid("""
            from fastai.tabular.all import tabular_learner
            from sklearn.metrics import f1_score
            learn = tabular_learner(dls, layers=[200, 100])
            learn.fit_one_cycle(8, 3e-3)
            probs, targs = learn.get_preds(ds_idx=1)
            f1 = f1_score(targs.numpy(), probs.argmax(dim=1).numpy())
            print(f"validation F1 {f1:.4f}")
        """, note="near miss: index 1, the validation loader"),
        invalid("""
            from fastai.vision.all import vision_learner, resnet34
            learn = vision_learner(dls, resnet34)
            learn.fine_tune(3)
            loss, acc = learn.validate(dl=dls.train)  # expect: EVAL051
            results = {"val_loss": loss, "val_acc": acc}
        """, note="the training loader handed as `dl=`, saved under validation keys"),
        valid("""
            from fastai.vision.all import vision_learner, resnet34
            learn = vision_learner(dls, resnet34)
            learn.fine_tune(3)
            train_loss, train_acc = learn.validate(ds_idx=0)
            val_loss, val_acc = learn.validate()
            print(f"train acc {train_acc:.3f} / valid acc {val_acc:.3f}")
        """, note="near miss: the training figure is named as one, beside the validation figure"),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _METHODS:
            return
        loader = _training_loader(node)
        if not loader:
            return
        statement = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.SimpleStatementLine)), None)
        targets: list[str] = []
        if statement is not None:
            for small in statement.body:
                if isinstance(small, cst.Assign):
                    for t in small.targets:
                        element = t.target
                        names = element.elements if isinstance(element, (cst.Tuple, cst.List)) else [element]
                        targets += [_code(getattr(n, "value", n)) for n in names]
        if any(name_role(t.rsplit(".", 1)[-1]) == "train" for t in targets):
            return  # `train_loss, train_acc = learn.validate(ds_idx=0)`: named as the training figure
        scope = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), None)
        line = self.ctx.line_of(node)
        text = self.ctx.code(scope) if scope is not None else self.ctx.text
        start = self.ctx.line_of(scope) if scope is not None else 1
        after = "\n".join(text.splitlines()[max(0, line - start):])
        label = ""
        for match in _STRING.finditer(after):
            words = match.group(1)
            if _HELD_OUT.search(words) and not _TRAIN.search(words):
                label = words
                break
        if not label:
            named = next((m.group(0) for m in re.finditer(r"\b[A-Za-z_]\w*\b", after) if name_role(m.group(0)) in ("val", "test")
                          and not m.group(0).startswith(("X_", "y_"))), "")
            if not named:
                return
            label = f"`{named}`"
        self.report(node, call=f"{_code(func)}(...)", loader=loader, label=label[:60])
