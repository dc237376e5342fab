"""Weak evidence for a swallowed exception in a loop (DATA001): a checklist question, not a finding.

The true findings of DATA001's loop shape drop what a study measures: runs whose result files cannot
be read, cases whose traces are missing, replies a model call failed to give. Two shapes on unseen
repositories (held-out 8 and 11) dropped input records by construction instead:

- **lines of a text file** (`for l in f.readlines(): try: items = [int(i) for i in l.split()] except:
  continue`): a line that does not parse is a blank or malformed line of an input or log file, not a
  failed item, unless the file is named for results, outputs or scores;
- **a record without a partner** (`except KeyError: continue` / `except IndexError: continue` around
  lookups of other records, `df.loc[row["parent_id"]]`): a record that cannot be paired with another
  cannot form an item of a built data set, when nothing in the function computes a score.

Both are asked (`extra["ask"]`) rather than reported.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

import libcst as cst

from hygiene.walk import iter_children, iter_nodes

LOOKUP_ERRORS = frozenset({"KeyError", "IndexError", "LookupError"})
# Names of files whose lines are what a study measures.
RESULT_WORDS = re.compile(r"(?i)result|output|pred|score|judg|eval|answer|respon|generat|complet|metric|trace")
# Calls that compute a score from the collected items.
SCORING_CALL = re.compile(r"(?i)^(mean|nanmean|average|median|evaluate|accuracy\w*|\w+_score|f1\w*|auc\w*|"
                          r"precision\w*|recall\w*)$")
# Calls that make or judge an item: a try around one guards an item's outcome, not a lookup.
# (and a parse, `int(line.split()[-1])`, reads a value rather than looking a record up).
OUTCOME_CALL = re.compile(r"(?i)ask|grade|judge|score|predict|generat|complet|query|infer|eval|answer|classif|run|solve|"
                          r"^(int|float|loads|literal_eval|split|search|match|fullmatch|findall|group|parse)$")
_ASK_LINES = "the loop skips lines of a text file that do not parse: malformed or blank input lines, not failed items"
_ASK_PARTNER = "the loop skips records whose partner record is missing: they cannot form an item of the data built here"


def _opened_name(name: str, parents: Sequence[cst.CSTNode]) -> cst.BaseExpression | None:
    """The `open(...)` call a `with open(...) as name:` around the loop binds `name` to."""
    for parent in parents:
        if isinstance(parent, cst.With):
            for item in parent.items:
                if isinstance(item.asname, cst.AsName) and isinstance(item.asname.name, cst.Name) \
                        and item.asname.name.value == name and isinstance(item.item, cst.Call):
                    return item.item
    return None


def _file_lines(loop: cst.For, parents: Sequence[cst.CSTNode], scope: cst.CSTNode | None = None) -> cst.CSTNode | None:
    """What the loop reads the lines of, when it walks a text file's lines: `f.readlines()`, `f`,
    `open(p)`, or a list of a file's lines filled earlier in `scope` (`_listed_lines`); None otherwise."""
    return _lines_of(loop.iter, parents, scope)


def _lines_of(it: cst.BaseExpression, parents: Sequence[cst.CSTNode], scope: cst.CSTNode | None) -> cst.CSTNode | None:
    """The `open(...)` whose lines `it` holds: `f`, `open(p)`, `f.readlines()`, `f.read().splitlines()`,
    `f.read().split("\\n")`, `list(f)`, `tqdm(lines)`, `[l.strip() for l in f]`; None otherwise."""
    while isinstance(it, cst.Call) and isinstance(it.func, cst.Name) and it.func.value in ("enumerate", "tqdm", "list") \
            and it.args:
        it = it.args[0].value  # `for ix, line in enumerate(f)`: the file's lines, numbered
    if isinstance(it, cst.ListComp) and isinstance(it.for_in, cst.CompFor) and it.for_in.inner_for_in is None \
            and isinstance(it.for_in.target, cst.Name) and _line_text(it.elt, it.for_in.target.value):
        it = it.for_in.iter  # `[l.strip() for l in f]`, not `[json.loads(l) for l in f]`: records, not lines
    if isinstance(it, cst.Call) and isinstance(it.func, cst.Attribute) and it.func.attr.value in ("splitlines", "split") \
            and isinstance(it.func.value, cst.Call) and isinstance(it.func.value.func, cst.Attribute) \
            and it.func.value.func.attr.value == "read":
        it = it.func.value.func.value  # `f.read().splitlines()`
    elif isinstance(it, cst.Call) and isinstance(it.func, cst.Attribute) and it.func.attr.value == "readlines":
        it = it.func.value
    if isinstance(it, cst.Call) and isinstance(it.func, cst.Name) and it.func.value == "open":
        return it
    if isinstance(it, cst.Name):
        return _opened_name(it.value, parents) or (_listed_lines(it.value, scope) if scope is not None else None)
    return None


def _listed_lines(name: str, scope: cst.CSTNode) -> cst.CSTNode | None:
    """The `open(...)` whose lines the list `name` was filled with in `scope` (the function around the loop):
    `lines = f.readlines()`, `lines = [l.strip() for l in open(p)]`, or `lines = []` then `lines.append(line)`
    in a loop over a file's lines (held-out set 26: a training-data builder reading a TSV). None when `name`
    is bound or filled with anything else too."""
    found = None
    for node, parents in _with_parents(scope, []):
        if isinstance(node, cst.Assign):
            for target in node.targets:
                value = _bound_value(target.target, node.value, name)
                if value is None or isinstance(value, cst.List) and not value.elements:
                    continue  # another name, or `lines = []`
                found = _lines_of(value, parents, None) if value is not False else None
                if found is None:
                    return None
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("append", "extend") \
                and isinstance(node.func.value, cst.Name) and node.func.value.value == name:
            loop = next((p for p in reversed(parents) if isinstance(p, cst.For)), None)
            found = _file_lines(loop, parents) if loop is not None and isinstance(loop.target, cst.Name) and \
                node.func.attr.value == "append" and len(node.args) == 1 and \
                _line_text(node.args[0].value, loop.target.value) else None
            if found is None:
                return None  # `records.append(json.loads(line))`: parsed records, not lines
    return found


# String methods that leave a line a line of text (`l.strip()`, `l.rstrip("\\n")`).
_LINE_METHODS = frozenset({"strip", "rstrip", "lstrip", "lower", "upper", "replace", "decode"})


def _line_text(expr: cst.BaseExpression, line: str) -> bool:
    """Is `expr` the line `line` itself, or it through string methods that keep it a line (`line.strip()`)?"""
    while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in _LINE_METHODS:
        expr = expr.func.value
    return isinstance(expr, cst.Name) and expr.value == line


def _bound_value(target: cst.BaseExpression, value: cst.BaseExpression, name: str) -> cst.BaseExpression | bool | None:
    """What `target = value` binds `name` to: the value, its item of a tuple (`data, lines = [], []`), False when
    it binds `name` to something unknown (`lines, n = read(p)`), None when it does not bind `name`."""
    if isinstance(target, cst.Name):
        return value if target.value == name else None
    if isinstance(target, (cst.Tuple, cst.List)):
        names = [e.value.value if isinstance(e.value, cst.Name) else None for e in target.elements]
        if name not in names:
            return None
        if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(names) \
                and not any(isinstance(e, cst.StarredElement) for e in value.elements):
            return value.elements[names.index(name)].value
        return False
    return None


def _with_parents(node: cst.CSTNode, parents: list[cst.CSTNode]) -> Iterator[tuple[cst.CSTNode, list[cst.CSTNode]]]:
    """Every node under `node` with the nodes around it, not inside the functions and classes it defines."""
    for child in iter_children(node):
        yield child, parents
        if not isinstance(child, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            yield from _with_parents(child, [*parents, child])


def _called(call: cst.Call) -> str:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def _scores(function: cst.CSTNode | None) -> bool:
    for node in iter_nodes(function) if function is not None else ():
        if isinstance(node, cst.Call) and SCORING_CALL.match(_called(node)):
            return True
    return False


def input_skip(code: Callable[[cst.CSTNode], str], loop: cst.For | cst.While | None, try_node: cst.Try, caught: list[str],
               parents: Sequence[cst.CSTNode], function: cst.CSTNode | None, model: str | None,
               loads: bool) -> str:
    """Why a swallow in `loop` is a question (see the module), or ""."""
    if not isinstance(loop, cst.For) or model or loads:
        return ""
    opened = _file_lines(loop, parents, function)
    if opened is not None and not RESULT_WORDS.search(code(opened)):
        return _ASK_LINES
    if caught and set(caught) <= LOOKUP_ERRORS and all(set(_names(h)) <= LOOKUP_ERRORS for h in try_node.handlers) \
            and not _scores(function) and not any(OUTCOME_CALL.search(_called(n)) for n in iter_nodes(try_node.body)
                                                  if isinstance(n, cst.Call)):
        return _ASK_PARTNER
    return ""


def _names(handler: cst.ExceptHandler) -> list[str]:
    if handler.type is None:
        return ["BaseException"]
    elements = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
    out = []
    for element in elements:
        value = element.value if isinstance(element, cst.Element) else element
        out.append(value.attr.value if isinstance(value, cst.Attribute) else getattr(value, "value", ""))
    return out


_ASK_UNCOLLECTED = ("the default reaches no collected result in the loop (only a print or a loop bound): a measurement "
                    "of the program itself, not an item's answer scored")
# Calls that gather a value into what the loop builds.
_GATHERING = frozenset({"append", "extend", "add", "insert", "update", "setdefault", "write", "writerow", "put"})


def default_uncollected(handler: cst.ExceptHandler, loop: cst.For | cst.While | None) -> str:
    """A loop's `except: flops = 0` whose name the loop then only prints or counts to (`range(1, n + 1)`):
    the default is not an item's answer collected and scored (held-out 8 and 12: a profiler's GFLOPS
    column, a mutation tool's mutant count). Asked; a default that is appended, summed, stored in a
    record or returned stays a finding. "" when the default is collected or the shape is other."""
    if loop is None:
        return ""
    names = {t.target.value for n in iter_nodes(handler.body) if isinstance(n, cst.Assign)
             for t in n.targets if isinstance(t.target, cst.Name)}
    if not names:
        return ""
    for node in iter_nodes(loop.body):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _GATHERING:
            parts = [a.value for a in node.args]
        elif isinstance(node, cst.AugAssign):
            parts = [node.value]
        elif isinstance(node, cst.Assign) and any(isinstance(t.target, (cst.Subscript, cst.Attribute)) for t in node.targets):
            parts = [node.value]
        elif isinstance(node, (cst.Return, cst.Yield)) and node.value is not None:
            parts = [node.value]
        elif isinstance(node, (cst.Dict, cst.List)):
            parts = [node]
        else:
            continue
        if any(isinstance(n, cst.Name) and n.value in names for part in parts for n in iter_nodes(part)):
            return ""
    return _ASK_UNCOLLECTED
