"""EVAL061: a figure named for one averaging (`micro_f1`) computed with another (`average="macro"`)."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree, walk_list
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# The averagings of scikit-learn's, torchmetrics' and `evaluate`'s multi-class metrics. `binary`
# is left out: in a name it says the task (`binary_f1`), not how classes are averaged.
AVERAGINGS = frozenset({"micro", "macro", "weighted", "samples"})


def _named_averaging(words: list[str]) -> str:
    """The one averaging a name's words give (`micro_f1_score` -> micro), or "" (none, or two)."""
    found = {w for w in words if w in AVERAGINGS}
    return found.pop() if len(found) == 1 else ""


def _target_words(target: ast.AST) -> list[str]:
    """The words naming the figure: a name, an attribute's last part, a string subscript key."""
    if isinstance(target, ast.Name):
        return name_tokens(target.id)
    if isinstance(target, ast.Attribute):
        return name_tokens(target.attr)
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) \
            and isinstance(target.slice.value, str):
        return name_tokens(target.slice.value)
    if isinstance(target, ast.Constant) and isinstance(target.value, str):
        return name_tokens(target.value)
    return []


def _averagings(value: ast.AST) -> list[tuple[str, ast.Call]]:
    """Every literal `average=` of a call in `value` (`round(f1_score(y, p, average="macro"), 4)`)."""
    found = []
    for node in walk_list(value):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "average" and isinstance(keyword.value, ast.Constant) \
                    and keyword.value.value in AVERAGINGS:
                found.append((keyword.value.value, node))
    return found


def _pairs(node: ast.AST) -> list[tuple[ast.AST, ast.AST]]:
    """(what names the figure, the value) of an assignment, a dict entry or a keyword argument."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        return [(node.targets[0], node.value)]
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
        return [(node.target, node.value)]
    if isinstance(node, ast.Dict):
        return [(k, v) for k, v in zip(node.keys, node.values) if k is not None]
    if isinstance(node, ast.Call):
        return [(ast.Name(id=k.arg), k.value) for k in node.keywords if k.arg and k.arg != "average"]
    return []


class AveragingDiffersFromName(Rule):
    """
    ## What it does
    Finds a metric whose name says one class averaging and whose call asks for another: a name,
    an attribute, a result key or a keyword that says `micro`, `macro`, `weighted` or `samples`
    (`micro_f1_score`, `results["macro_f1"]`, `log(weighted_f1=...)`) bound to a metric call whose
    literal `average=` is a different one (`F1Score(average="macro")`, `f1_score(y, p,
    average="micro")`, also inside `round(...)` or arithmetic). Names that say no averaging or two
    (`f1`, `micro_macro`), an averaging given by a variable, and names that agree with the call are
    left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `self.micro_f1_score = F1Score(average="macro", num_classes=n)` | yes | `average="micro"` |
    | `results["macro_f1"] = round(f1_score(y, p, average="weighted") * 100, 2)` | yes | `results["f1"] = ...` |
    | `{"micro_precision": precision_score(y, p, average="macro")}` | yes | `average=args.average` |
    | `wandb.log(macro_f1=f1_score(y, p, average="micro"))` | yes | `macro_f1=f1_score(y, p, average="macro")` |

    ## Why is this bad?
    Micro, macro and weighted averages of the same predictions differ whenever the classes are
    unbalanced, and a paper's table reads the figure by its name. A metric built with the other
    averaging reports, under the name `micro_f1`, what is really the macro F1 (often the same
    number as the `macro_f1` beside it), and the comparison the table claims to make is never made.

    ## Example
        self.macro_f1_score = F1Score(average="macro", num_classes=n)
        self.micro_f1_score = F1Score(average="macro", num_classes=n)

    Use instead:
        self.macro_f1_score = F1Score(average="macro", num_classes=n)
        self.micro_f1_score = F1Score(average="micro", num_classes=n)
    """

    code = "EVAL061"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{name}` says {named} averaging but is computed with `average={average!r}`: the figure reported "
               "as the {named} one is the {average} one")
    question = "Should `{name}` be computed with `average={named!r}` rather than `average={average!r}`?"
    triggers = ("average",)
    examples = [
        invalid("""
            from torchmetrics import F1Score

            class ClassificationSolver:
                def __init__(self, num_classes):
                    self.macro_f1_score = F1Score(average="macro", num_classes=num_classes)
                    self.micro_f1_score = F1Score(average="macro", num_classes=num_classes)  # expect: EVAL061
        """),
        invalid("""
            from sklearn.metrics import f1_score, precision_score

            def report(y, p, log):
                results = {}
                results["macro_f1"] = round(f1_score(y, p, average="weighted") * 100, 2)  # expect: EVAL061
                table = {
                    "micro_precision": precision_score(y, p, average="macro"),  # expect: EVAL061
                }
                log(macro_f1=f1_score(y, p, average="micro"))  # expect: EVAL061
                return results, table
        """),
        invalid({"report.ipynb": notebook(
            "from sklearn.metrics import recall_score",
            "weighted_recall = recall_score(y_test, y_pred, average='macro')  # expect: EVAL061",
        )}),
        valid("""
            from sklearn.metrics import f1_score
            from torchmetrics import F1Score

            def report(y, p, args):
                macro_f1 = f1_score(y, p, average="macro")
                f1 = f1_score(y, p, average="micro")
                micro_macro = [f1_score(y, p, average="micro"), f1_score(y, p, average="macro")]
                chosen_macro = f1_score(y, p, average=args.average)
                binary_f1 = f1_score(y, p, average="macro")
                metric = F1Score(average="weighted", num_classes=3)
                return macro_f1, f1, micro_macro, chosen_macro, binary_f1, metric
        """, note="near misses: name and averaging agree, no averaging or two in the name, an averaging "
                  "given by a variable, a `binary` task name"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        if module_tree(self.ctx) is None:
            return
        for n in module_nodes(self.ctx):
            for target, value in _pairs(n):
                named = _named_averaging(_target_words(target))
                if not named:
                    continue
                averagings = _averagings(value)
                if not averagings or any(a == named for a, _ in averagings):
                    continue
                average, call = averagings[0]
                name = ast.unparse(target) if not isinstance(target, ast.Constant) else repr(target.value)
                self.ctx.report(type(self), None, line=call.lineno,
                                fields={"name": name, "named": named, "average": average})
