"""EVAL039: a rate divided again by the count it was already divided by."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import scope_nodes


def _bound_names(node: cst.CSTNode) -> list[str]:
    names: list[str] = []
    targets: list[cst.BaseExpression] = []
    if isinstance(node, cst.Assign):
        targets = [t.target for t in node.targets]
    elif isinstance(node, (cst.AugAssign, cst.AnnAssign)):
        targets = [node.target]
    elif isinstance(node, (cst.For, cst.CompFor)):
        targets = [node.target]
    while targets:
        target = targets.pop()
        if isinstance(target, cst.Name):
            names.append(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            targets.extend(e.value for e in target.elements)
    return names


# The nodes `_scope` reads: a division, and what `_bound_names` reads bindings from (issue 12: not
# every node of every function).
_SEEN = (cst.BinaryOperation, cst.Assign, cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor)
# A vector's length (`np.linalg.norm(w)`, `w.norm()`, `torch.norm(w)`): dividing by it twice is a projection's
# `1 / ||w||^2`, not a rate divided by its count again (held-out set 30: DeepFool's step).
_NORM = re.compile(r"\bnorm\s*\(")
_PATH_WORDS = frozenset({"path", "paths", "dir", "dirs", "directory", "root", "folder", "file", "filename", "cwd", "home"})


def _path_join(code: str) -> bool:
    """`work_path / config.data_dir / name`: pathlib's `/` joins paths; no rate."""
    words = set(name_tokens(code))
    return bool(words & _PATH_WORDS) or "Path(" in code or '"' in code or "'" in code


class RateDividedAgain(Rule):
    """
    ## What it does
    Finds a name that holds a ratio (`is_correct = is_correct_count / count`) divided again by the
    same denominator (`loose_accuracy = is_correct / count`), with neither name bound again in
    between, in one function, script or notebook. The second division turns a rate into a rate
    per item. A different denominator (`p / n_groups`), a numerator that is an expression of the
    rate (`p * (1 - p) / n`, a standard error), a name bound again in between, and paths joined with
    pathlib's `/` (`out = root / cfg.data_dir`) are left alone; so is a division by a vector's norm
    (`np.linalg.norm(w)`) done twice, a projection's `|f| w / ||w||^2` (DeepFool's step), not a count.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `acc = correct / count` then `metric = acc / count` (function returning a dict) | yes | `metric = acc` |
    | `mean_loss = total / len(loader)` then `mean_loss / len(loader)` in a log line (script) | yes | `total / len(loader)` once |
    | `p = hits / n` then `se = (p * (1 - p) / n) ** 0.5` (notebook) | no: an expression of the rate | |

    ## Why is this bad?
    The reported figure is the rate divided by the number of items: an accuracy of 0.8 on 500
    items is reported as 0.0016, and because it shrinks with the size of the set, runs on sets
    of different sizes are not even comparable among themselves.

    ## Example
        is_correct = is_correct_count / count
        loose_accuracy = is_correct / count

    Use instead:
        is_correct = is_correct_count / count
        loose_accuracy = is_correct
    """

    code = "EVAL039"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{rate}` is already `{first}` (line {line}), and `{second}` divides it by `{by}` again: the figure "
               "is the rate divided by the number of items")
    question = "Is `{rate}` (already divided by `{by}` at line {line}) meant to be divided by `{by}` again at {where}?"
    triggers = ("/",)
    examples = [
        invalid("""
            def get_final_results(judged, references, metric_name="accuracy"):
                count = is_correct_count = is_incorrect_count = 0
                for grade in judged:
                    count += 1
                    if grade == "A":
                        is_correct_count += 1
                    elif grade == "B":
                        is_incorrect_count += 1
                is_correct = is_correct_count / count
                is_incorrect = is_incorrect_count / count
                loose_accuracy = is_correct / count  # expect: EVAL039
                return {metric_name: loose_accuracy * 100, "incorrect": is_incorrect * 100}
        """),
        valid("""
            def get_final_results(judged, references, metric_name="accuracy"):
                count = is_correct_count = 0
                for grade in judged:
                    count += 1
                    if grade == "A":
                        is_correct_count += 1
                is_correct = is_correct_count / count
                attempted = (is_correct_count + 1) / count
                given_attempted = is_correct / attempted if attempted else 0
                return {metric_name: is_correct * 100, "given_attempted": given_attempted}
        """, note="near miss: the rate reported as it is; divided by another rate"),
        invalid("""
            import torch

            total = 0.0
            for x, y in loader:
                total += torch.nn.functional.mse_loss(model(x), y).item()
            mean_loss = total / len(loader)
            print(f"test loss {mean_loss / len(loader):.4f}")  # expect: EVAL039
        """, note="a script: the mean divided by the number of batches again inside the log line"),
        valid({"stats.ipynb": notebook(
            """
            hits = sum(results)
            n = len(results)
            p = hits / n
            """,
            """
            se = (p * (1 - p) / n) ** 0.5
            per_group = p / n_groups
            n = n - 1
            q = p / n
            """,
        )}, note="near miss (notebook): a standard error, another denominator, a count bound again"),
        valid("""
            import numpy as np

            def step_toward_boundary(logit_gap, direction):
                distance = np.abs(logit_gap) / np.linalg.norm(direction)
                return distance / np.linalg.norm(direction) * direction
        """, note="near miss (held-out set 30): a distance divided by a norm once more is the projection "
                    "`|f| w / ||w||^2` (DeepFool's step); a norm is no count of items"),
        invalid("""
            import numpy as np

            def mean_margin(margins, batch):
                margin = np.abs(margins).sum() / len(batch)
                return margin / len(batch)  # expect: EVAL039
        """, note="the twin: a sum over items divided by their count twice"),
        valid("""
            from pathlib import Path

            def output_dir(work_path: Path, config):
                output_path = work_path / config.data_dir / config.output_path
                return output_path / config.output_path
        """, note="near miss (held-out corpus): pathlib's `/` joins paths"),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._scope(node)

    def _scope(self, root: cst.CSTNode) -> None:
        rates: dict[str, tuple[str, str, cst.CSTNode]] = {}  # name -> (denominator code, first division code, node)
        for node in scope_nodes(root, _SEEN):
            if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide) \
                    and isinstance(node.left, cst.Name) and node.left.value in rates:
                by, first, where = rates[node.left.value]
                if where.value is not node and self.ctx.code(node.right).strip() == by:  # not `x = x / n` itself
                    self.report(node, related=[Location(self.ctx.path, self.ctx.line_of(where), "the rate made here")],
                                rate=node.left.value, first=first, second=self.ctx.code(node).strip(), by=by,
                                line=self.ctx.line_of(where) or "?")
                    return
            bound = _bound_names(node)
            if not bound:
                continue
            for name in bound:  # a name bound again ends what it held; so does a new count
                rates.pop(name, None)
                for rate, (by, _, _) in list(rates.items()):
                    if name in by.replace("(", " ").replace(")", " ").replace(".", " ").split():
                        rates.pop(rate)
            if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
                value = node.value
                if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Divide) \
                        and isinstance(value.right, (cst.Name, cst.Attribute, cst.Call)) and not _path_join(self.ctx.code(value)) \
                        and not _NORM.search(self.ctx.code(value.right)):  # `|f| / ||w|| / ||w||`: a projection
                    rates[node.targets[0].target.value] = (self.ctx.code(value.right).strip(),
                                                           self.ctx.code(value).strip(), node)
