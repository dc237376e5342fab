"""Syntax helpers of `hygiene.analysis.order`: message contexts, loop counters, names read in a block."""
from __future__ import annotations

import re
from typing import Any

import libcst as cst

from hygiene.analysis.names import dotted

_QUIET_CALLS = ("print", "log", "debug", "info", "warning", "error", "write", "set_description", "set_postfix",
                "format", "tqdm")
# ... but a CSV writer's rows are data (`w.writerow([name, i % 5])` writes a fold assignment), not a message.
_DATA_WRITES = frozenset({"writerow", "writerows"})


def _quiet(tail: str) -> bool:
    return tail.startswith(_QUIET_CALLS) and tail not in _DATA_WRITES


# Calls that only draw: a position handed to them decides where a picture goes, not a number.
_DRAWING_CALLS = frozenset({"subplot", "add_subplot", "imshow", "barh", "bar", "text", "annotate", "scatter",
                            "plot", "title", "set_title", "xticks", "yticks", "set_xticks", "set_yticks",
                            "axvline", "axhline", "legend"})
# Names of a figure's grid of panels: `axes[i // 2, i % 2]` picks where a picture goes.
_PANEL_GRIDS = frozenset({"axes", "axs", "axarr", "ax", "axis", "axes_flat", "grid"})


def _in_message(parents: list[cst.CSTNode]) -> bool:
    for parent in reversed(parents):
        if isinstance(parent, (cst.Raise, cst.Assert)):
            return True
        if isinstance(parent, cst.Call):
            func = parent.func
            tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if tail in ("print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log", "echo",
                        "secho", "set_description", "set_postfix_str"):
                return True
        if isinstance(parent, (cst.SimpleStatementLine, cst.FunctionDef)):
            return False
    return False


def _first_only(body: str, index: str) -> bool:  # `if i == 0:` ("the first pass") is every use
    return len(re.findall(rf"\b{index}\b", body)) == len(re.findall(rf"\b{index}\s*==\s*0\b", body))


def _stores_only(body: str, index: str) -> bool:
    """`acc[idx] = score(run)`: the index only says where each item's own result goes; every array
    filled so stays aligned with the others whatever the order (a mean over runs does not move)."""
    return len(re.findall(rf"\b{index}\b", body)) == len(re.findall(rf"\[\s*{index}\s*\]\s*=(?!=)", body))


def _own_item_only(body: str, index: str, listed: str) -> bool:
    """`for k, pair in enumerate(pairs): kept.append(pairs[k])`: the index only reads the loop's own
    item back from the list it walks (`pairs[k]` is `pair`), never a position of anything else."""
    if not re.fullmatch(r"[A-Za-z_][\w.]*", listed):
        return False
    own = re.findall(rf"(?<![\w.]){re.escape(listed)}\s*\[\s*{index}\s*\](?!\s*=[^=])", body)
    return bool(own) and len(re.findall(rf"\b{index}\b", body)) == len(own)


def _pairs_only(body: str, index: str) -> bool:
    """`for i, a in enumerate(xs): for b in xs[i + 1:]`: the index only starts the rest of the list,
    the idiom for every pair; the pairs are the same whatever the order."""
    return len(re.findall(rf"\b{index}\b", body)) == len(re.findall(rf"\[\s*{index}\s*(\+\s*1\s*)?:\s*\]", body))


def _only_messages(body: cst.BaseSuite) -> bool:
    """Does the block only print, log or `break` (a cap, like `files[:limit]`, is the slice's)?"""
    for statement in getattr(body, "body", ()):
        lines = statement.body if isinstance(statement, cst.SimpleStatementLine) else [None]
        for small in lines:
            if isinstance(small, cst.Break):
                continue
            if not (isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)):
                return False
            func = small.value.func
            tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if not _quiet(tail):
                return False
    return True


def _counters(body: cst.BaseSuite) -> list[str]:
    """Names incremented by a constant in a loop body (`n += 1`, not in a nested loop) and not set
    afresh in it (`k = len(rows)` then `k += 1` is each item's own count, not a running one)."""
    found = []
    assigned: set[str] = set()
    stack: list[cst.CSTNode] = [body]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.For, cst.While, cst.FunctionDef, cst.ClassDef)):
            continue
        if isinstance(current, cst.AugAssign) and isinstance(current.operator, cst.AddAssign) \
                and isinstance(current.target, cst.Name) and isinstance(current.value, cst.Integer):
            found.append(current.target.value)
        elif isinstance(current, cst.Assign):
            assigned.update(t.target.value for t in current.targets if isinstance(t.target, cst.Name))
        elif isinstance(current, cst.AnnAssign) and isinstance(current.target, cst.Name) and current.value is not None:
            assigned.add(current.target.value)
        stack.extend(current.children)
    return [name for name in found if name not in assigned]


def _is_slice(node: cst.Subscript) -> bool:
    return len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice)


def _last_index(expr: cst.BaseExpression) -> bool:
    """`[-1]`: "the latest", which assumes a sorted list. (`[0]` is mostly "the one file".)"""
    return isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus) \
        and isinstance(expr.expression, cst.Integer) and expr.expression.value == "1"


def _first_target(target: cst.BaseExpression) -> str | None:
    if isinstance(target, cst.Tuple) and target.elements and isinstance(target.elements[0].value, cst.Name):
        name = target.elements[0].value.value
        return None if name == "_" else name
    return None


def _names_in(node: cst.CSTNode) -> list[cst.Name | cst.Attribute]:
    from hygiene.walk import iter_nodes

    return [n for n in iter_nodes(node) if isinstance(n, (cst.Name, cst.Attribute))]


def order_names(node: cst.CSTNode) -> list[cst.Name | cst.Attribute]:
    """The names whose order can reach a value computed by `node`: not a comprehension's filter
    (`[x for x in rows if x not in held_out]` keeps the order of `rows`), nor the container of a
    membership test (`x in seen` is true or false whatever `seen`'s order)."""
    from hygiene.walk import iter_children

    if isinstance(node, cst.CompIf):
        return []
    if isinstance(node, cst.Comparison) and all(isinstance(t.operator, (cst.In, cst.NotIn)) for t in node.comparisons):
        return order_names(node.left)
    found = [node] if isinstance(node, (cst.Name, cst.Attribute)) else []
    return found + [n for child in iter_children(node) for n in order_names(child)]


def _panel_grid(expr: cst.BaseExpression) -> bool:
    """`axes`, `axs.flat`, `self.axes`: a grid of plot panels."""
    if isinstance(expr, cst.Attribute) and expr.attr.value in ("flat", "flatten", "ravel"):
        expr = expr.value
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in ("flatten", "ravel"):
        expr = expr.func.value
    name = expr.attr.value if isinstance(expr, cst.Attribute) else expr.value if isinstance(expr, cst.Name) else ""
    return name in _PANEL_GRIDS


def _uses_name(node: cst.CSTNode, name: str) -> bool:
    """Is `name` read in `node` other than in a print or a log line (or the test of a block that only
    prints), or a call that only draws? A comprehension that binds `name` itself reads its own."""
    from hygiene.walk import iter_children, iter_nodes

    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name) and current.value == name:
            return True
        if isinstance(current, cst.If) and current.orelse is None and _only_messages(current.body):
            continue  # `if i % 200 == 0: print(...)`: progress, whatever the order
        if isinstance(current, cst.Subscript) and _panel_grid(current.value):
            continue  # `ax = axes[i // 2, i % 2]`: the panel a picture goes in
        if isinstance(current, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)) \
                and any(isinstance(n, cst.Name) and n.value == name for n in iter_nodes(current.for_in.target)):
            # `[rows[i] for i in picked]` binds its own `i`: only its first iterable reads the loop's
            stack.append(current.for_in.iter)
            continue
        if isinstance(current, cst.Call):
            func = current.func
            tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if _quiet(tail) or tail in _DRAWING_CALLS:
                continue
            if tail in _DATA_WRITES:
                # `w.writerow([name, i % 5])`: a fold or split computed from the position is written; a bare
                # `w.writerow([i, name])` only numbers the rows of a manifest
                if _computed_from(current, name):
                    return True
                continue
        stack.extend(iter_children(current))
    return False


def _computed_from(node: cst.CSTNode, name: str) -> bool:
    """Is `name` read inside an arithmetic, a comparison or a conditional expression within `node`?"""
    from hygiene.walk import iter_nodes

    return any(isinstance(n, (cst.BinaryOperation, cst.Comparison, cst.IfExp)) and any(
        isinstance(m, cst.Name) and m.value == name for m in iter_nodes(n)) for n in iter_nodes(node))


def _short(expr: cst.BaseExpression) -> str:
    text = dotted(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else None
    return text or type(expr).__name__


def _reads_position(body: cst.CSTNode, index: str) -> bool:
    """Is the loop index `index` used as a number (`k % 5`, `k < n_train`), not only to read items
    (`files[k]`, a list built alongside), nor only in a print, nor only as `k == 0`?"""
    from hygiene.walk import iter_children

    stack: list[cst.CSTNode] = [body]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Subscript) and len(current.slice) == 1 \
                and isinstance(current.slice[0].slice, cst.Index) \
                and isinstance(current.slice[0].slice.value, cst.Name) and current.slice[0].slice.value.value == index:
            stack.append(current.value)
            continue
        if isinstance(current, cst.Comparison) and isinstance(current.left, cst.Name) and current.left.value == index \
                and len(current.comparisons) == 1 and isinstance(current.comparisons[0].operator, cst.Equal) \
                and isinstance(current.comparisons[0].comparator, cst.Integer) and current.comparisons[0].comparator.value == "0":
            continue  # `if k == 0:` the first pass
        if isinstance(current, cst.Name) and current.value == index:
            return True
        if isinstance(current, cst.Call):
            func = current.func
            tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if _quiet(tail):
                continue
        stack.extend(iter_children(current))
    return False


def note_derived(store: dict[str, list[cst.BaseExpression]], target: cst.BaseExpression,
                 value: cst.BaseExpression) -> None:
    """Record that `target` (a list appended to, a loop's variable) is made of `value`, for the
    derivation of a zipped list from the unordered one (`xs.append([d[n] for n in names])`)."""
    if isinstance(target, (cst.Tuple, cst.List)):  # `for i, (a, b) in enumerate(zip(xs, ys))`
        for element in target.elements:
            note_derived(store, element.value, value)
    elif isinstance(target, (cst.Name, cst.Attribute)) and dotted(target):
        store.setdefault(dotted(target) or "", []).append(value)


# The first line of a declaration whose order the language ignores: an import block (Go, Python,
# JavaScript), C includes, `using` directives, SPARQL prefixes (and, added one by one, a query's filters).
_DECLARATION = re.compile(r"(?m)^\s*(import\b|from\s+\S+\s+import\b|#include\b|using\s+[\w.:]+\s*;|"
                          r"require\s*\(|PREFIX\s+\w*:)")


def _strings(node: cst.CSTNode) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.SimpleString):
            found.append(current.raw_value)
        elif isinstance(current, cst.FormattedStringText):
            found.append(current.value)
        else:
            stack.extend(current.children)
    return found


def _added_declarations(parents: list[cst.CSTNode], name: str, code: Any) -> bool:
    """`imports.add("import math")`, `clauses.append(f"FILTER (?x != {e})")` in the function (or module)
    around the join: the list is made of import lines or of a query's filters, which hold in any order."""
    scope = next((p for p in reversed(parents) if isinstance(p, (cst.FunctionDef, cst.Module))), None)
    if scope is None:
        return False
    pattern = re.compile(rf"\b{re.escape(name)}\.(?:add|append|update|extend|insert)\((?:\s*\d+\s*,)?\s*\[?\s*[rbuf]*[\"']"
                         r"\s*(?:import\s|from\s|#include\b|FILTER\b|PREFIX\s)")
    return bool(pattern.search(code(scope)))


def declaration_block(parents: list[cst.CSTNode], join: cst.Call, code: Any = None) -> bool:
    """`"import (\\n" + "\\n".join(pkgs) + "\\n)"`, `"\\n".join(f"import {m}" for m in modules)`: a set's
    items joined into the lines of an import block (or includes): a compiler reads them in any order,
    so the order of the set decides nothing. The text around the join, up to its statement, or the
    template of each item says so."""
    joined = join.args[0].value
    if code is not None and isinstance(joined, cst.Name) and _added_declarations(parents, joined.value, code):
        return True
    texts = _strings(joined)
    for parent in reversed(parents):
        if isinstance(parent, cst.BaseSmallStatement) or isinstance(parent, cst.BaseCompoundStatement):
            break
        if isinstance(parent, (cst.BinaryOperation, cst.FormattedString, cst.ConcatenatedString)):
            texts.extend(_strings(parent))
    return any(_DECLARATION.search(text.replace("\\n", "\n")) for text in texts)


_READS = frozenset({"read", "read_text", "read_bytes", "readlines", "readline", "load", "loads"})
_REPORT_SINKS = frozenset({"write", "writelines", "write_text", "print", "info", "echo"})
_NUMBER_TEXT = frozenset({"str", "round", "format", "repr"})


def _formats_number(node: cst.CSTNode) -> bool:
    """`str(round(acc, 1))`, `f"{acc:.1f}"`, `"%.2f" % acc`, `"{}".format(acc)`: a number made text."""
    from hygiene.walk import iter_nodes
    for current in iter_nodes(node):
        if isinstance(current, cst.Call):
            func = current.func
            if (isinstance(func, cst.Name) and func.value in _NUMBER_TEXT) \
                    or (isinstance(func, cst.Attribute) and func.attr.value == "format"):
                return True
        elif isinstance(current, cst.FormattedStringExpression) and current.format_spec:
            return True
        elif isinstance(current, cst.BinaryOperation) and isinstance(current.operator, cst.Modulo) \
                and isinstance(current.left, (cst.SimpleString, cst.ConcatenatedString)):
            return True
    return False


def _reads(node: cst.CSTNode) -> bool:
    from hygiene.walk import iter_nodes
    return any(isinstance(c, cst.Call) and isinstance(c.func, (cst.Attribute, cst.Name))
               and (c.func.attr.value if isinstance(c.func, cst.Attribute) else c.func.value) in _READS
               for c in iter_nodes(node))


def report_rows(parents: list[cst.CSTNode], join: cst.Call, more: dict[str, list[cst.BaseExpression]]) -> bool:
    """`open("result.txt", "w").write("\\n".join(rows))` where every row formats numbers computed from
    one listed file (`rows.append(name + "\\t" + str(round(acc, 1)))`): the listing orders the lines of
    a written or printed table, and no number depends on that order. Rows made of the files' contents
    (`rows.append(f.read())`) are data, whose order may matter, and are not this."""
    joined = join.args[0].value
    rows = more.get(joined.value, []) if isinstance(joined, cst.Name) else []
    if not rows or not all(_formats_number(row) and not _reads(row) for row in rows):
        return False
    for parent in reversed(parents):
        if parent is join or isinstance(parent, cst.Arg):
            continue
        if isinstance(parent, cst.Call):
            func = parent.func
            tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            return tail in _REPORT_SINKS
        return False
    return False


def _lookup_in_same(parents: list[cst.CSTNode], receiver: cst.BaseExpression) -> bool:
    """`files.pop(files.index(name))`, `files[files.index(name)]`: the position is found only to take that
    item out of the same list (`files.remove(name)`), so it is no id and no order is used."""
    mine = dotted(receiver)
    if not mine:
        return False
    chain = [p for p in parents[-3:]]
    for i, parent in enumerate(reversed(chain)):
        if isinstance(parent, cst.Call) and isinstance(parent.func, cst.Attribute) \
                and parent.func.attr.value in ("pop", "__getitem__") and dotted(parent.func.value) == mine:
            return True
        if isinstance(parent, cst.Subscript) and dotted(parent.value) == mine:
            return True
        if not isinstance(parent, (cst.Arg, cst.SubscriptElement, cst.Index)):
            return False
    return False


def _holds_no_name(value: cst.BaseExpression) -> bool:
    """A literal or an empty container (`{}`, `[]`, `0`, `"x"`): a value that reads no name."""
    from hygiene.walk import iter_nodes
    return not any(isinstance(n, cst.Name) and n.value not in ("None", "True", "False") for n in iter_nodes(value))


def _texty(value: cst.BaseExpression) -> bool:
    """A piece of text: a string literal, an f-string, `"...".format(...)`, or `+` of such."""
    if isinstance(value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
        return True
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "format":
        return isinstance(value.func.value, (cst.SimpleString, cst.ConcatenatedString))
    return isinstance(value, cst.BinaryOperation) and (_texty(value.left) or _texty(value.right))


def _range_of_len(node: cst.For) -> cst.BaseExpression | None:
    """`files` of `for k in range(len(files)):` (a loop with a plain name as its target), or None."""
    call = node.iter
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "range"
            and len(call.args) == 1 and isinstance(call.args[0].value, cst.Call)
            and isinstance(call.args[0].value.func, cst.Name) and call.args[0].value.func.value == "len"
            and call.args[0].value.args and isinstance(node.target, cst.Name)):
        return None
    return call.args[0].value.args[0].value
