"""Results of a draw that the program throws away: a late seed that does not matter.

A seed set after a draw leaves that draw unseeded (SEED006), unless what the draw produced is
discarded: a notebook or script that splits its data without a seed, looks at the sizes, then
seeds and makes the split again (`train_set, test_set = split(data)` reassigned after
`np.random.seed(42)`) reports nothing computed from the unseeded split. Here: the top-level
statement that leads to the draw assigns names; every one of them is assigned again after the
seed, and in between they are only looked at (bare expressions: `len(train_set)`, a display).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import libcst as cst

from hygiene.analysis.unused_draws import first_use
from hygiene.walk import iter_nodes

if TYPE_CHECKING:
    from hygiene.context import RepoContext

Frame = tuple[str, str, int]


def _placed(repo: RepoContext, module_key: str, draw_frames: list[Frame], seed: Frame) -> tuple[list, int, int] | None:
    """The top-level statements of the file, the index of the one that leads to the draw and of the
    seed's, when both are top-level statements of one file and the seed comes later."""
    if not draw_frames:
        return None
    path, key, draw_ordinal = draw_frames[0]
    if key != module_key or seed[0] != path or seed[1] != module_key:
        return None
    statements = _statements(repo, path)
    where = {index: (first, last) for index, (first, last, _) in enumerate(statements)}
    draw_at = next((i for i, (a, b) in where.items() if a <= draw_ordinal <= b), None)
    seed_at = next((i for i, (a, b) in where.items() if a <= seed[2] <= b), None)
    if draw_at is None or seed_at is None or seed_at <= draw_at:
        return None
    return statements, draw_at, seed_at


def before_seed_only(repo: RepoContext, module_key: str, draw_frames: list[Frame], seed: Frame) -> bool:
    """Do the results of the draw feed only statements that come before the top-level `seed`'s (a
    throw-away layer that shows a penalty, the untrained model's score shown before the seeded
    training)? Names made from them are followed; a definition that reads them may run later."""
    placed = _placed(repo, module_key, draw_frames, seed)
    if placed is None:
        return False
    statements, draw_at, seed_at = placed
    tainted = _assigned(statements[draw_at][2], anywhere=True)
    if not tainted:
        return False
    for index in range(draw_at + 1, len(statements)):
        statement = statements[index][2]
        if not any(first_use([statement], name) == "read" for name in _reads(statement, tainted)):
            tainted -= _assigned(statement)  # `loss = criterion(out, y)` later: the name holds something else
            if not tainted:
                return True
            continue
        if index >= seed_at or isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            return False
        tainted |= _assigned(statement, anywhere=True)
    return True


def discarded(repo: RepoContext, module_key: str, draw_frames: list[Frame], seed: Frame) -> bool:
    """Are the results of the draw reached through `draw_frames` replaced after the top-level `seed`?"""
    placed = _placed(repo, module_key, draw_frames, seed)
    if placed is None:
        return False
    statements, draw_at, seed_at = placed
    names = _assigned(statements[draw_at][2])
    if not names:
        return False
    pending = set(names)
    for index in range(draw_at + 1, len(statements)):
        statement = statements[index][2]
        again = _assigned(statement) & pending
        if index > seed_at and again and not _reads(statement, pending):
            pending -= again
            if not pending:
                return True
            continue
        if _reads(statement, pending) and not _only_looked_at(statement):
            return False
    return False


def _statements(repo: RepoContext, path: str) -> list[tuple[int, int, cst.CSTNode]]:
    """Top-level statements of `path` with the first and last ordinal of the calls in them (parsed once
    per scan: `discarded` and `before_seed_only` ask about the same late seed)."""
    return repo.shared(f"overwritten.statements:{path}", lambda: _parse_statements(repo, path))


def _parse_statements(repo: RepoContext, path: str) -> list[tuple[int, int, cst.CSTNode]]:
    from hygiene.parsing import notebook as notebook_parsing
    from hygiene.parsing.python import ParseError, decode, parse

    # This file's text only: the rule's replay key covers it, not every file's (`repo.sources`).
    source = next((s for s in repo.paths() if s.path == path), None)
    if source is None:
        return []
    try:
        data = repo.read_bytes(path)
        module = notebook_parsing.load(data).module if source.kind == "notebook" else parse(decode(data))
    except (OSError, ParseError, UnicodeDecodeError, ValueError):
        return []
    out = []
    ordinal = -1
    for statement in module.body:
        first = ordinal + 1
        ordinal += sum(isinstance(n, cst.Call) for n in iter_nodes(statement))
        out.append((first, ordinal, statement))
    return out


def _assigned(statement: cst.CSTNode, anywhere: bool = False) -> set[str]:
    """Names a simple statement assigns (`anywhere`: also inside a compound one, and loop targets)."""
    if anywhere:  # also what the statement fills in place: `records.append({...})`, `out[k] = v`, `res.x = v`
        names = set()
        for node in iter_nodes(statement):
            if isinstance(node, cst.SimpleStatementLine) and node is not statement:
                names |= _assigned(node, anywhere=True)
            elif isinstance(node, cst.For):  # (a comprehension's variable is its own)
                names |= _target_names(node.target)
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name) \
                    and node.func.attr.value in _FILLS:
                names.add(node.func.value.value)
            elif isinstance(node, (cst.AssignTarget, cst.AugAssign)):
                target = node.target
                while isinstance(target, (cst.Subscript, cst.Attribute)):
                    target = target.value
                if isinstance(target, cst.Name):
                    names.add(target.value)
        if isinstance(statement, cst.SimpleStatementLine):
            names |= _assigned(statement)
        return names
    if not isinstance(statement, cst.SimpleStatementLine):
        return set()
    names: set[str] = set()
    for small in statement.body:
        if isinstance(small, cst.Assign):
            for target in small.targets:
                names |= _target_names(target.target)
        elif isinstance(small, cst.AnnAssign) and small.value is not None:
            names |= _target_names(small.target)
    return names


_FILLS = frozenset({"append", "extend", "insert", "update", "add", "setdefault", "put", "write", "writerow", "appendleft"})


def _target_names(target: cst.BaseExpression) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        found: set[str] = set()
        for element in target.elements:
            found |= _target_names(element.value)
        return found
    return set()


def _reads(statement: cst.CSTNode, names: set[str]) -> set[str]:
    """The `names` that `statement` reads (an assignment's targets are written, not read)."""
    parts: list[cst.CSTNode] = [statement]
    if isinstance(statement, cst.SimpleStatementLine):
        parts = [s.value if isinstance(s, (cst.Assign, cst.AnnAssign)) and s.value is not None else s
                 for s in statement.body]
    return {n.value for part in parts for n in iter_nodes(part) if isinstance(n, cst.Name) and n.value in names}


def _only_looked_at(statement: cst.CSTNode) -> bool:
    """A bare expression (`len(test_set)`, `train_set.head()`): shown, not used."""
    return isinstance(statement, cst.SimpleStatementLine) and all(isinstance(s, cst.Expr) for s in statement.body)


def redrawn_by_reset(repo: RepoContext, path: str, context: str, ordinal: int, entry: str) -> bool:
    """A draw in a constructor (`Class.__init__`) whose results a `reset()` of the same class makes again, and
    the program calls `.reset(` (an environment reset before its first episode, the gym convention): the
    statement of the draw assigns attributes of `self` (`self.cfg["first"], ... = choices[np.random.randint(3)]`)
    that `reset` assigns again, and what the rest of the constructor builds from them is made again there too
    (held-out set 29: PyCIL's CILEnv)."""
    cls, _, method = context.rpartition(".")
    if method != "__init__" or not cls or "." in cls:
        return False
    statements = _statements(repo, path)
    found = next(((first, stmt) for first, _, stmt in statements
                  if isinstance(stmt, cst.ClassDef) and stmt.name.value == cls), None)
    if found is None:
        return False
    first, klass = found
    calls = [n for n in iter_nodes(klass) if isinstance(n, cst.Call)]
    if not 0 <= ordinal - first < len(calls):
        return False
    draw = calls[ordinal - first]
    methods = {f.name.value: f for f in klass.body.body if isinstance(f, cst.FunctionDef)}
    init, reset = methods.get("__init__"), next((f for n, f in methods.items() if n.startswith("reset")), None)
    if init is None or reset is None or not isinstance(init.body, cst.IndentedBlock):
        return False
    again = {_code(t) for node in iter_nodes(reset) if isinstance(node, cst.AssignTarget) for t in _unpacked(node.target)}
    body = list(init.body.body)
    at = next((i for i, s in enumerate(body) if any(n is draw for n in iter_nodes(s))), None)
    if at is None or not _self_targets(body[at]) or not _self_targets(body[at]) <= again:
        return False
    roots = {_root(t) for t in _self_target_nodes(body[at])}
    for statement in body[at + 1:]:
        reads = {n.attr.value for n in iter_nodes(statement) if isinstance(n, cst.Attribute)
                 and isinstance(n.value, cst.Name) and n.value.value == "self"} & roots
        if not reads:
            continue
        targets = _self_targets(statement)
        if not targets or not targets <= again:
            return False  # the constructor uses the drawn values for something `reset` does not redo
        roots |= {_root(t) for t in _self_target_nodes(statement)}
    try:
        text = repo.read_bytes(entry).decode("utf-8", "replace")
    except OSError:
        return False
    return f".{reset.name.value}(" in text


def _self_target_nodes(statement: cst.CSTNode) -> list[cst.BaseExpression]:
    """The targets of a simple assignment statement, when every one is an attribute of `self` (or an item of one)."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1 \
            or not isinstance(statement.body[0], cst.Assign):
        return []
    targets = [t for target in statement.body[0].targets for t in _unpacked(target.target)]
    return targets if targets and all(_root(t) for t in targets) else []


def _unpacked(target: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(target, (cst.Tuple, cst.List)):
        return [t for element in target.elements for t in _unpacked(element.value)]
    return [target]


def _self_targets(statement: cst.CSTNode) -> set[str]:
    return {_code(t) for t in _self_target_nodes(statement)}


def _root(target: cst.BaseExpression) -> str:
    """`self.cfg["first"]` -> "cfg"; "" when the target is not rooted at `self`."""
    while isinstance(target, (cst.Subscript, cst.Attribute)):
        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            return target.attr.value
        target = target.value
    return ""


def _code(node: cst.CSTNode) -> str:
    return "".join(cst.Module([]).code_for_node(node).split())


def loaded_init(files: dict[str, Any], site: Any, frames: list[Any]) -> bool:
    """Initial torch weights drawn on the way to a constructor whose file loads trained weights over them
    (`nn.Linear` in a `load_model(path)` that calls `load_state_dict`): no result depends on that draw, so a later
    draw before the same seed is the one the seed came too late for (SEED006)."""
    init = site.kind == "init" or site.context.endswith("__init__") or "init" in site.label
    return site.gen == "torch" and init and any(files[f[0]].get("loads") for f in frames)

