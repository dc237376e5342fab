"""Free-text labels: a model's reply used as it comes (`return out.choices[0].message.content.strip()`) as
the class of an item, then counted (`Counter(labels)`, `df[col].value_counts()`) with no check that the
reply is one of the allowed labels. Off-format replies ("Support.", "I can't help with that") become
extra classes, and the percentages of the real classes shrink by however many there are.

One file at a time, over the parsed module: which functions return a raw reply, which names or columns
hold their results, and which of those are counted. Any membership test in the file (`label in LABELS`,
`.isin(...)`, `pd.Categorical(..., categories=...)`) or a constrained call (`response_format`, tools,
`logit_bias`) is taken as the check.
"""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.llm import calls_model
from hygiene.walk import iter_nodes
from hygiene.analysis.names import call_tail

STRING_METHODS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "title"})
REPLY_FIELDS = frozenset({"content", "text", "output_text", "completion", "generated_text"})
CONSTRAINED = frozenset({"response_format", "tools", "tool_choice", "logit_bias", "guided_choice", "text_format"})
CHECKS = frozenset({"isin", "Categorical", "CategoricalDtype"})


def _unwrap(expr: cst.BaseExpression) -> cst.BaseExpression:
    while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in STRING_METHODS:
        expr = expr.func.value
    return expr


def _is_reply(expr: cst.BaseExpression) -> bool:
    """`out.choices[0].message.content`, `msg.content[0].text`, `r["message"]["content"]`."""
    expr = _unwrap(expr)
    if isinstance(expr, cst.Attribute):
        return expr.attr.value in REPLY_FIELDS and isinstance(expr.value, (cst.Attribute, cst.Subscript, cst.Name))
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        key = expr.slice[0].slice.value
        return isinstance(key, cst.SimpleString) and key.value.strip("'\"") in REPLY_FIELDS
    return False


def _raw_reply_functions(ctx, module: cst.Module) -> dict[str, cst.Return]:  # type: ignore[no-untyped-def]
    found: dict[str, cst.Return] = {}
    for function in iter_nodes(module):
        if not isinstance(function, cst.FunctionDef):
            continue
        nodes = list(iter_nodes(function.body))
        returns = [n for n in nodes if isinstance(n, cst.Return)]
        if not returns or not all(r.value is not None and _is_reply(r.value) for r in returns):
            continue
        calls = [n for n in nodes if isinstance(n, cst.Call)]
        if not any(calls_model(ctx, c) for c in calls) or any(
                a.keyword is not None and a.keyword.value in CONSTRAINED for c in calls for a in c.args):
            continue
        if any(isinstance(n, (cst.Comparison, cst.If)) for n in nodes):
            continue  # the function looks at the reply: a parser, other rules' business
        found[function.name.value] = returns[0]
    return found


def _calls_any(expr: cst.CSTNode, names: set[str]) -> bool:
    for node in iter_nodes(expr):
        if isinstance(node, cst.Call):
            if call_tail(node) in names:
                return True
            if call_tail(node) in ("apply", "map") and node.args and isinstance(node.args[0].value, cst.Name) \
                    and node.args[0].value.value in names:
                return True
    return False


def free_text_labels(ctx) -> list[tuple[cst.Return, str, cst.CSTNode]]:  # type: ignore[no-untyped-def]
    """(the return of the raw reply, the function's name, the count over its results) per function."""
    module = ctx.module
    if module is None:
        return []
    functions = _raw_reply_functions(ctx, module)
    if not functions:
        return []
    nodes = list(iter_nodes(module))
    for node in nodes:
        if isinstance(node, cst.Comparison) and any(isinstance(t.operator, (cst.In, cst.NotIn)) for t in node.comparisons) \
                and not isinstance(node.left, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
            return []  # `label in LABELS`: the replies are checked against a label set
        if isinstance(node, cst.Call) and call_tail(node) in CHECKS:
            return []
    holders: dict[str, str] = {}  # code of a name or column -> the function whose replies it holds
    for node in nodes:
        if isinstance(node, cst.Assign):
            for name, function in functions.items():
                if _calls_any(node.value, {name}) or (
                        isinstance(node.value, (cst.Name, cst.Subscript, cst.Attribute))
                        and holders.get(ctx.code(node.value)) == name):
                    for target in node.targets:
                        holders[ctx.code(target.target)] = name
        elif isinstance(node, cst.Call) and call_tail(node) == "append" and isinstance(node.func, cst.Attribute) \
                and node.args:
            argument = node.args[0].value
            for name in functions:
                if _calls_any(argument, {name}) or holders.get(ctx.code(argument)) == name:
                    holders[ctx.code(node.func.value)] = name
    out: list[tuple[cst.Return, str, cst.CSTNode]] = []
    seen: set[str] = set()
    for node in nodes:
        if not isinstance(node, cst.Call):
            continue
        counted = None
        if call_tail(node) == "Counter" and node.args:
            counted = node.args[0].value
        elif call_tail(node) == "value_counts" and isinstance(node.func, cst.Attribute):
            counted = node.func.value
            if isinstance(counted, cst.Call) and call_tail(counted) == "Series" and counted.args:
                counted = counted.args[0].value
        if counted is None:
            continue
        name = holders.get(ctx.code(counted))
        if name is not None and name not in seen:
            seen.add(name)
            out.append((functions[name], name, node))
    return out
