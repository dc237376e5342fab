"""Draws whose result nothing reads: `query_id, scores = random.choice(list(results.items()))` at the end of
a script whose only use of it (printing the query's top documents) is commented out.

A draw assigned to names that no later code reads, directly or through an assignment whose own names
nobody reads, decides nothing: no number depends on which item it picked. `hygiene.analysis.toy_draws`
lists such draws with the toy ones, so the SEED rules leave them out. A name read anywhere else (a
call, a return, a loop, a condition, an f-string, a global read in a function) keeps the draw, except
a read inside the name of a file the code writes (`sub.to_csv("out/lgb_%d.csv" % flag)`,
`torch.save(m, f"ckpt/{tag}.pt")`, held-out set 27): a tag that keeps runs from overwriting each
other decides no number. A file read by a drawn name (`np.load(f"fold_{k}.npy")`) is a sample.
"""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.names import binding_names, binds_only_names
from hygiene.walk import iter_nodes


def unused(scope: cst.CSTNode, assign: cst.Assign) -> bool:
    """Is nothing in `scope` (a function, or the module) reading what `assign` binds, or is all of it
    bound again before anything reads it (`ac = env.action_space.sample()  # only for the datatype`,
    then `ac, vpred = pi.act(ob)` at the top of the loop)?"""
    if _overwritten_first(scope, assign):
        return True
    targets: set[str] = set()
    for target in assign.targets:
        if not binds_only_names(target.target):
            return False
        targets |= {name.value for name in binding_names(target.target)}
    flows: list[tuple[set[str], set[str]]] = []  # (names bound, names read in the value) of each plain assignment
    inside: set[int] = set()
    for node in iter_nodes(scope):
        if isinstance(node, cst.Assign) and node is not assign:
            if not all(binds_only_names(t.target) for t in node.targets):
                continue  # `self.x = value`, `d[k] = value`: its value is kept, so read
            bound = {name.value for t in node.targets for name in binding_names(t.target)}
            flows.append((bound, {n.value for n in iter_nodes(node.value) if isinstance(n, cst.Name)}))
            inside.update(id(n) for n in iter_nodes(node))
        elif node is assign:
            inside.update(id(n) for n in iter_nodes(node))
    inside |= _in_written_names(scope)
    read = {n.value for n in iter_nodes(scope) if isinstance(n, cst.Name) and id(n) not in inside}
    alive = set(read)
    changed = True
    while changed:  # a name is read when an assignment whose names are read reads it
        changed = False
        for bound, reads in flows:
            if bound & alive and not reads <= alive:
                alive |= reads
                changed = True
    return not targets & alive


# Calls that write a file, and the look of a file's name in a string (a folder, or a suffix).
_WRITES = frozenset({"to_csv", "to_json", "to_parquet", "to_excel", "to_pickle", "to_feather", "savefig", "save",
                     "savez", "savez_compressed", "savetxt", "dump", "write_text", "write_bytes", "save_pretrained",
                     "imwrite", "imsave", "save_image", "to_netcdf"})
_PATH_TEXT = re.compile(r"/|\\|\.[A-Za-z][A-Za-z0-9]{0,5}\b")


def path_format(node: cst.BaseExpression) -> bool:
    """A string built with values whose fixed text looks like a file's name (`"out/lgb_%d.csv" % flag`,
    `f"ckpt/{tag}.pt"`, `"runs/{}/s.json".format(tag)`)."""
    if isinstance(node, cst.FormattedString):
        return any(isinstance(p, cst.FormattedStringText) and _PATH_TEXT.search(p.value) for p in node.parts)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        return isinstance(node.left, cst.SimpleString) and bool(_PATH_TEXT.search(node.left.value))
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
        return isinstance(node.func.value, cst.SimpleString) and bool(_PATH_TEXT.search(node.func.value.value))
    return False


def writes_file(call: cst.Call) -> bool:
    func = call.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    if name == "open":
        modes = [a.value for a in call.args[1:2] if a.keyword is None] + \
                [a.value for a in call.args if a.keyword is not None and a.keyword.value == "mode"]
        return any(isinstance(m, cst.SimpleString) and re.search(r"[wax]", m.value) for m in modes)
    return name in _WRITES


def _in_written_names(scope: cst.CSTNode) -> set[int]:
    """The nodes inside the names of files that calls in `scope` write: what they read names a file."""
    found: set[int] = set()
    for node in iter_nodes(scope):
        if isinstance(node, cst.Call) and writes_file(node):
            for arg in node.args:
                if path_format(arg.value):
                    found.update(id(n) for n in iter_nodes(arg.value))
    return found


def _overwritten_first(scope: cst.CSTNode, assign: cst.Assign) -> bool:
    names: set[str] = set()
    for target in assign.targets:
        if not binds_only_names(target.target):
            return False
        names |= {name.value for name in binding_names(target.target)}
    for block in iter_nodes(scope):
        body = getattr(block, "body", None)
        if not isinstance(body, (list, tuple)):
            continue
        for index, statement in enumerate(body):
            if isinstance(statement, cst.SimpleStatementLine) and any(small is assign for small in statement.body):
                return bool(names) and all(first_use(body[index + 1:], name) == "write" for name in names)
    return False


def first_use(statements, name: str) -> str:  # type: ignore[no-untyped-def]
    """"write" when `name` is bound again (without being read) before any read in `statements`, run
    in order; "read" when it is read first; "" when neither happens for sure."""
    for statement in statements:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if not isinstance(small, cst.Assign):
                    if _mentions(small, name):
                        return "read"  # `ac += 1`, `print(ac)`, `return ac`
                    continue
                if _mentions(small.value, name) or any(not binds_only_names(t.target) and _mentions(t.target, name)
                                                       for t in small.targets):
                    return "read"  # `x = ac + 1`, `d[ac] = v`
                if any(name in {n.value for n in binding_names(t.target)} for t in small.targets if binds_only_names(t.target)):
                    return "write"
            continue
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            if _mentions(statement, name):
                return "read"
            continue
        header = [getattr(statement, a) for a in ("test", "iter", "items") if getattr(statement, a, None) is not None]
        if any(_mentions(h, name) for h in header if isinstance(h, cst.CSTNode)):
            return "read"
        inner = getattr(getattr(statement, "body", None), "body", None)
        forever = isinstance(statement, cst.While) and isinstance(statement.test, cst.Name) and statement.test.value == "True"
        if isinstance(inner, (list, tuple)):
            use = first_use(inner, name)
            if use == "read" or (use == "write" and (forever or isinstance(statement, (cst.With, cst.Try)))):
                return use
            if use == "write" and isinstance(statement, (cst.For, cst.While)) and statement.orelse is None:
                continue  # the loop binds it before reading it: it reads only its own value
        if _mentions(statement, name):
            return "read"  # read somewhere inside a branch or a loop that may not rebind it first
    return ""


def _mentions(node: cst.CSTNode, name: str) -> bool:
    return any(isinstance(n, cst.Name) and n.value == name for n in iter_nodes(node))
