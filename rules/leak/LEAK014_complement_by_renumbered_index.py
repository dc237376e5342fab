"""LEAK014: the rows left for testing are taken by the index of a sample that was renumbered."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import walk_scope

# Methods that take some rows of a frame and keep their index labels.
_ROW_SUBSETS = frozenset({"sample", "head", "tail", "nlargest", "nsmallest", "query", "take"})


def _keyword(call: cst.Call, name: str) -> cst.BaseExpression | None:
    return next((a.value for a in call.args if a.keyword and a.keyword.value == name), None)


def _true(expr: cst.BaseExpression | None) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "True"


def _method(call: cst.BaseExpression) -> str | None:
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute):
        return call.func.attr.value
    return None


def _subset_source(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The frame whose rows `expr` takes (`df.sample(frac=0.8)`, `df.iloc[idx]`), or None."""
    if _method(expr) in _ROW_SUBSETS:
        return expr.func.value  # type: ignore[union-attr]
    if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Attribute) and expr.value.attr.value == "iloc":
        return expr.value.value
    return None


def _renumbered(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.CSTNode] | None:
    """(the frame sampled, the renumbering node) when `expr` takes rows of a frame and renumbers
    them: `df.sample(frac=0.8).reset_index(drop=True)`, `df.sample(n, ignore_index=True)`."""
    if _method(expr) == "reset_index" and not _true(_keyword(expr, "inplace")):  # type: ignore[arg-type]
        inner = expr.func.value  # type: ignore[union-attr]
        while _method(inner) in ("astype", "copy", "dropna", "rename", "sort_index"):
            inner = inner.func.value  # type: ignore[union-attr]
        source = _subset_source(inner)
        return (source, expr) if source is not None else None
    if _method(expr) == "sample" and _true(_keyword(expr, "ignore_index")):  # type: ignore[arg-type]
        return expr.func.value, expr  # type: ignore[union-attr]
    return None


class ComplementByRenumberedIndex(Rule):
    """
    ## What it does
    Finds a split written as "sample some rows, keep the rest": the sampled rows are renumbered
    (`train = df.sample(frac=0.8).reset_index(drop=True)`, `reset_index(drop=True, inplace=True)`
    afterwards, `sample(..., ignore_index=True)`) and the other part is then taken from the same
    frame by that renumbered index (`test = df.drop(train.index)`,
    `df[~df.index.isin(train.index)]`).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `.sample(...).reset_index(drop=True)` then `df.drop(train.index)` (notebook, script) | yes | `reset_index` after the `drop` |
    | `train.reset_index(drop=True, inplace=True)` then `~df.index.isin(train.index)` (function) | yes | the frame renumbered before sampling |
    | `df.sample(n, ignore_index=True)` then `df.drop(train.index)` | yes | the rest taken from another frame |

    ## Why is this bad?
    After `reset_index` the sample's index is `0..n-1`, no longer the labels of the rows drawn.
    `df.drop(train.index)` then removes the first n rows of the frame, not the sampled ones, so
    the "test" part is mostly rows the model was trained on, and it is the right size, so nothing
    looks wrong. The test score measures memorised rows.

    ## Example
        train = df.sample(frac=0.8, random_state=200).reset_index(drop=True)
        test = df.drop(train.index).reset_index(drop=True)

    Use instead:
        train = df.sample(frac=0.8, random_state=200)
        test = df.drop(train.index).reset_index(drop=True)
        train = train.reset_index(drop=True)
    """

    code = "LEAK014"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("`{use}` takes the rows of `{frame}` not in `{name}` by `{name}.index`, but `{name}` was renumbered "
               "at line {line_renumbered} (its index is now 0..n-1, not the labels of the rows drawn): the first n rows are removed "
               "instead of the sampled ones, so most rows of this part are also in `{name}`")
    question = "Is `{name}` renumbered (line {line_renumbered}) only after `{use}` at {where} has used its index?"
    triggers = ("reset_index", "ignore_index")
    examples = [
        invalid({"finetune.ipynb": notebook(
            """
            import pandas as pd
            new_df = pd.read_csv("train.csv")[["text", "labels"]]
            train_size = 0.8
            """,
            """
            train_dataset = new_df.sample(frac=train_size, random_state=200).reset_index(drop=True)
            test_dataset = new_df.drop(train_dataset.index).reset_index(drop=True)  # expect: LEAK014
            print(train_dataset.shape, test_dataset.shape)
            """,
        )}, note="(real bugs 12) notebook: the sample renumbered before its index picks the rest"),
        valid({"finetune.ipynb": notebook(
            """
            import pandas as pd
            new_df = pd.read_csv("train.csv")[["text", "labels"]]
            train_size = 0.8
            """,
            """
            train_dataset = new_df.sample(frac=train_size, random_state=200)
            test_dataset = new_df.drop(train_dataset.index).reset_index(drop=True)
            train_dataset = train_dataset.reset_index(drop=True)
            """,
        )}, note="near miss (the fix): renumbered only after the drop"),
        invalid("""
            import pandas as pd

            def split(frame: pd.DataFrame, share: float, seed: int):
                train = frame.sample(frac=share, random_state=seed)
                train.reset_index(drop=True, inplace=True)
                test = frame[~frame.index.isin(train.index)]  # expect: LEAK014
                return train, test
        """, note="a function: renumbered in place, the rest taken with isin"),
        invalid("""
            import pandas as pd
            reviews = pd.read_json("reviews.jsonl", lines=True)
            dev = reviews.sample(n=500, random_state=0, ignore_index=True)
            rest = reviews.drop(index=dev.index)  # expect: LEAK014
        """, note="ignore_index=True renumbers the sample too"),
        valid("""
            import pandas as pd
            reviews = pd.read_json("reviews.jsonl", lines=True).reset_index(drop=True)
            dev = reviews.sample(n=500, random_state=0)
            rest = reviews.drop(dev.index)
            other = pd.read_csv("other.csv")
            sample = other.sample(n=50).reset_index(drop=True)
            rest2 = reviews.drop(sample.index)
            shown = reviews.head(5).reset_index(drop=True)
            print(shown)
        """, note="near miss: the frame renumbered before sampling; another frame's sample; a renumbered head only shown"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        self._scope(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scope(node.body)

    def _scope(self, root: cst.CSTNode) -> None:
        code = self.ctx.code
        subsets: dict[str, str] = {}  # name -> the frame its rows came from
        renumbered: dict[str, tuple[str, cst.CSTNode]] = {}  # name -> (frame, where renumbered)
        for node in walk_scope(root):
            if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
                name = node.targets[0].target.value
                subsets.pop(name, None)
                renumbered.pop(name, None)
                made = _renumbered(node.value)
                if made is not None:
                    renumbered[name] = (code(made[0]), made[1])
                    continue
                source = _subset_source(node.value)
                if source is not None:
                    subsets[name] = code(source)
            elif isinstance(node, cst.Call):
                if _method(node) == "reset_index" and _true(_keyword(node, "inplace")) \
                        and isinstance(node.func.value, cst.Name) and node.func.value.value in subsets:  # type: ignore[union-attr]
                    name = node.func.value.value  # type: ignore[union-attr]
                    renumbered[name] = (subsets[name], node)
                    continue
                self._use(node, renumbered)

    def _use(self, call: cst.Call, renumbered: dict[str, tuple[str, cst.CSTNode]]) -> None:
        """`frame.drop(name.index)`, `frame.drop(index=name.index)`, `frame.index.isin(name.index)`."""
        method = _method(call)
        if method not in ("drop", "isin") or not call.args:
            return
        arg = next((a.value for a in call.args if a.keyword is None or a.keyword.value in ("index", "labels", "values")),
                   None)
        if not (isinstance(arg, cst.Attribute) and arg.attr.value == "index" and isinstance(arg.value, cst.Name)):
            return
        name = arg.value.value
        if name not in renumbered:
            return
        frame, where = renumbered[name]
        receiver = call.func.value  # type: ignore[union-attr]
        if method == "isin":
            if not (isinstance(receiver, cst.Attribute) and receiver.attr.value == "index"):
                return
            receiver = receiver.value
        elif _keyword(call, "columns") is not None or any(
                a.keyword and a.keyword.value == "axis" and self.ctx.code(a.value) in ("1", "'columns'", '"columns"')
                for a in call.args):
            return
        if self.ctx.code(receiver) != frame:
            return
        self.report(call, related=[Location(self.ctx.path, self.ctx.line_of(where), "renumbered here")],
                    use=self.ctx.code(call), frame=frame, name=name, line_renumbered=self.ctx.line_of(where))
