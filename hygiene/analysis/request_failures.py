"""Tests that say a model request failed: the reply's error field set, an HTTP status that is not a
success, a batch result that did not succeed (OpenAI Batch output lines, Anthropic Message Batches)."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.strings import string_value

# The field a failed request fills: OpenAI Batch output lines (`rec["error"]`), SDK objects (`r.error`).
_ERROR_FIELD = re.compile(r"(?i)^(?:error|errors|error_message|exception)$")
_STATUS_FIELD = re.compile(r"(?i)^(?:status_code|http_status|status)$")
# A batch result's outcome: Anthropic `entry.result.type`, OpenAI batch / job `status`.
_OUTCOME_FIELD = re.compile(r"(?i)^(?:type|status|state|outcome)$")
_SUCCEEDED = frozenset({"succeeded", "success", "completed", "complete", "ok"})
_FAILED = frozenset({"errored", "error", "expired", "canceled", "cancelled", "failed", "failure"})


def _field(expr: cst.BaseExpression) -> str | None:
    """`rec["error"]`, `rec.error`, `rec.get("error")` -> "error"."""
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        return string_value(expr.slice[0].slice.value)
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    if (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get"
            and expr.args and string_value(expr.args[0].value) is not None):
        return string_value(expr.args[0].value)
    return None


def _int(expr: cst.BaseExpression) -> int | None:
    return int(expr.value) if isinstance(expr, cst.Integer) and expr.value.isdigit() else None


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def request_failed(expr: cst.BaseExpression) -> bool:
    """Whether `expr`, true, says a request failed: `rec["error"]`, `rec["error"] is not None`,
    `resp.status_code != 200`, `status >= 400`, `entry.result.type != "succeeded"`, `r.status == "failed"`."""
    field = _field(expr)
    if field is not None:
        return bool(_ERROR_FIELD.match(field))
    if not isinstance(expr, cst.Comparison) or len(expr.comparisons) != 1:
        return False
    left, op, right = expr.left, expr.comparisons[0].operator, expr.comparisons[0].comparator
    field = _field(left)
    if field is None:
        return False
    if _ERROR_FIELD.match(field):
        return _is_none(right) and isinstance(op, (cst.IsNot, cst.NotEqual))
    code = _int(right)
    if _STATUS_FIELD.match(field) and code is not None:
        return ((isinstance(op, cst.NotEqual) and 200 <= code < 300) or (isinstance(op, cst.GreaterThanEqual) and code >= 300)
                or (isinstance(op, cst.GreaterThan) and code >= 299))
    if _OUTCOME_FIELD.match(field):
        word = (string_value(right) or "").lower()
        return ((isinstance(op, cst.NotEqual) and word in _SUCCEEDED) or (isinstance(op, cst.Equal) and word in _FAILED))
    return False


def failure_operands(test: cst.BaseExpression) -> tuple[list[cst.BaseExpression], list[cst.BaseExpression]]:
    """The operands of an `or` chain split into request-failure tests and the others."""
    operands: list[cst.BaseExpression] = []
    todo = [test]
    while todo:
        node = todo.pop()
        if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
            todo += [node.right, node.left]
        else:
            operands.append(node)
    failed = [o for o in operands if request_failed(o)]
    return failed, [o for o in operands if not request_failed(o)]
