"""DATA090: a model's replies coerced to numbers (`errors="coerce"`) and averaged, the unparsable ones skipped uncounted."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes

# What a model wrote: a reply, a judge's verdict, a generated score.
_REPLY = re.compile(r"(?i)repl|respon|output|judg|complet|generat|verdict|rating|grade|score|answer|pred|llm|gpt|claude")
# A count of what the coercion could not read, anywhere in the function or file.
_COUNTED = re.compile(r"\.(isna|isnull|notna|notnull|count)\(|\.dropna\([^)]*\)[^\n]*\blen\(|nan_policy|nanmean|\bunparsed|\binvalid")
_MEANS = frozenset({"mean", "median", "agg", "aggregate", "describe"})


class CoercedScoresAveraged(Rule):
    """
    ## What it does
    Finds a model's replies (a judge's score, a generated rating, a parsed answer: a column or a
    variable whose name says it holds model output) turned into numbers with
    `pd.to_numeric(..., errors="coerce")` and then averaged (`.mean()`, `.median()`, `.agg(...)`,
    `groupby(...)[col].mean()`), in a file that never counts the values the coercion turned into
    `NaN` (`.isna().sum()`, `.count()`, `.notna()`). pandas' mean skips `NaN` silently: every reply
    that was not a number (a refusal, "7/10", "Score: 8", an empty or failed reply) leaves the
    average, uncounted.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `df["score"] = pd.to_numeric(df["judge_reply"], errors="coerce")`, then `df.groupby("model")["score"].mean()` | yes | `df["score"].isna().sum()` reported |
    | `s = pd.to_numeric(replies, errors="coerce"); print(s.mean())` | yes | `errors="raise"` (the default) |
    | `pd.to_numeric(df["TotalCharges"], errors="coerce")` of a data file's column | no | not model output |

    ## Why is this bad?
    The average is taken over the replies that happened to be numbers. Models differ in how often
    they answer in another format, so the comparison mixes their scores with their formatting, and
    nothing in the output says how many replies were left out.

    ## Example
        df["score"] = pd.to_numeric(df["judge_reply"], errors="coerce")
        print(df.groupby("model")["score"].mean())

    Use instead:
        df["score"] = pd.to_numeric(df["judge_reply"], errors="coerce")
        print(df.groupby("model")["score"].agg(["mean", "count", lambda s: s.isna().sum()]))
    """

    code = "DATA090"
    category = "DATA-DROP"
    severity = Severity.WARNING
    message = ("`{source}` is coerced to numbers at {where} (`errors=\"coerce\"`) and averaged at {mean}: replies "
               "that are not a number become NaN and leave the average, uncounted")
    question = "How many replies at {where} were not a number, and would the averages at {mean} change with them counted?"
    triggers = ("errors=\"coerce\"", "errors='coerce'")
    examples = [
        invalid("""
            import pandas as pd

            df = pd.read_json("judgments.jsonl", lines=True)
            df["rating"] = pd.to_numeric(df["judge_output"], errors="coerce")  # expect: DATA090
            print(df.groupby("model")["rating"].mean())
        """, note="lead probe 3: a judge's ratings coerced to numbers, averaged per model"),
        valid("""
            import pandas as pd

            df = pd.read_json("judgments.jsonl", lines=True)
            df["rating"] = pd.to_numeric(df["judge_output"], errors="coerce")
            print(df.groupby("model")["rating"].agg(["mean", "count"]))
            print("unparsed:", df["rating"].isna().sum())
        """, note="near miss: the unparsed ratings are counted"),
        valid("""
            import pandas as pd

            df = pd.read_csv("telco.csv")
            df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce")
            print(df["TotalCharges"].mean())
        """, note="near miss: a data file's column, not model output"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._coerced: dict[str, tuple[cst.CSTNode, str]] = {}  # column or name -> (the coercion, its source's code)

    def visit_Assign(self, node: cst.Assign) -> None:
        value = node.value
        if not (isinstance(value, cst.Call) and self.qualified_name(value.func) in ("pandas.to_numeric", "pd.to_numeric")
                and value.args and any(a.keyword is not None and a.keyword.value == "errors"
                                       and string_value(a.value) == "coerce" for a in value.args)):
            return
        source = self.ctx.code(value.args[0].value)
        for target in node.targets:
            key = _key(target.target)
            if key and (_REPLY.search(source) or _REPLY.search(key)):
                self._coerced[key] = (node, source)

    def finish(self) -> None:
        if not self._coerced or _COUNTED.search(self.ctx.text):
            return
        module = self.ctx.module
        for node in iter_nodes(module):
            if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _MEANS):
                continue
            receiver = node.func.value
            key = _key(receiver)
            if key not in self._coerced:
                continue
            at, source = self._coerced.pop(key)
            self.report(at, source=source[:60], mean=f"line {self.ctx.line_of(node)}")


def _key(expr: cst.BaseExpression) -> str | None:
    """`df["score"]` / `df.groupby(...)["score"]` -> "score"; a plain name -> itself."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        return string_value(expr.slice[0].slice.value)
    return None
