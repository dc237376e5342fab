"""Rows of a time window: `df[df.date >= "2024-01-01"]` keeps a period chosen by design (a temporal
split, a study period), which row-drop rules must not read as rows lost to failures."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value

_DATE_COLUMN = re.compile(r"(?i)(^|_)(date|datetime|timestamp|ts|year|month|week|day)$|^(date|year)")
_DATE_LITERAL = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?([ T].*)?$")
_CUTOFF_NAME = re.compile(r"(?i)cut|split|start|end|boundary|date|year|until|since|before|after")


def time_window(expr: cst.Comparison) -> bool:
    """`df.date >= "2024-01-01"`, `df["year"] < 2020`, `df.ts < cutoff`: rows of a time window chosen by
    design (a temporal split or a study period), not rows lost to failures."""
    target = expr.comparisons[0]
    if not isinstance(target.operator, (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual)):
        return False
    key = _column_key(expr.left)
    bound = target.comparator
    if key == "index" and not isinstance(bound, cst.Integer):
        key = "date"  # `df.loc[df.index >= split_date]`: a date index cut at a date (a row number is no period)
    if not key or not _DATE_COLUMN.search(key):
        return False
    text = string_value(bound)
    if text is not None:
        return bool(_DATE_LITERAL.match(text.strip()))
    if isinstance(bound, cst.Integer):
        return 1900 <= bound.evaluated_value <= 2100
    if isinstance(bound, (cst.Name, cst.Attribute)):
        return bool(_CUTOFF_NAME.search(bound.value if isinstance(bound, cst.Name) else bound.attr.value))
    if isinstance(bound, cst.Call):
        return bool(re.search(r"(?i)timestamp|datetime|date|to_datetime", _callee(bound.func)))
    return False


def temporal_cut(call: cst.Call) -> bool:
    """`frame.filter(pl.col("date") < cut)`: a polars (or Spark) frame cut at a time, a temporal split;
    pandas' `df.query("ts > @cutoff")` too."""
    func, args = call.func, call.args
    if isinstance(func, cst.Attribute) and func.attr.value == "query" and len(args) >= 1 and args[0].keyword is None:
        return _query_window(string_value(args[0].value) or "")
    return isinstance(func, cst.Attribute) and func.attr.value == "filter" and len(args) == 1 \
        and args[0].keyword is None and isinstance(args[0].value, cst.Comparison) and time_window(args[0].value)


_QUERY_CUT = re.compile(r"\s*`?(\w+)`?\s*(?:<=|>=|<|>)\s*(@\w+|'[^']*'|\"[^\"]*\"|\d{4})\s*")


def _query_window(query: str) -> bool:
    """`"ts > @cut"`, `"date >= '2024-01-01'"`, `"year < 2020"`: a query that keeps a time window."""
    m = _QUERY_CUT.fullmatch(query)
    if m is None or not _DATE_COLUMN.search(m.group(1)):
        return False
    bound = m.group(2)
    if bound.startswith("@"):
        return bool(_CUTOFF_NAME.search(bound[1:]))
    if bound[:1] in "'\"":
        return bool(_DATE_LITERAL.match(bound[1:-1].strip()))
    return 1900 <= int(bound) <= 2100


def _column_key(column: cst.BaseExpression) -> str | None:
    """`df.date`, `df["date"]`, polars' `pl.col("date")`: the column's name."""
    if isinstance(column, cst.Attribute):
        return column.attr.value
    if isinstance(column, cst.Subscript) and column.slice and isinstance(column.slice[0].slice, cst.Index):
        return string_value(column.slice[0].slice.value)
    if isinstance(column, cst.Call) and _callee(column.func) == "col" and len(column.args) == 1:
        return string_value(column.args[0].value)
    return None


def _callee(node: cst.BaseExpression) -> str:
    return node.value if isinstance(node, cst.Name) else node.attr.value if isinstance(node, cst.Attribute) else ""
