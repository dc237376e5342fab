"""Draws whose result nothing reads: `query_id, scores = random.choice(list(results.items()))` at the end of
a script whose only use of it (printing the query's top documents) is commented out.

A draw assigned to names that no later code reads, directly or through an assignment whose own names
nobody reads, decides nothing: no number depends on which item it picked. `hygiene.analysis.toy_draws`
lists such draws with the toy ones, so the SEED rules leave them out. A name read anywhere else (a
call, a return, a loop, a condition, an f-string, a global read in a function) keeps the draw.
"""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.names import binding_names, binds_only_names
from hygiene.walk import iter_nodes


def unused(scope: cst.CSTNode, assign: cst.Assign) -> bool:
    """Is nothing in `scope` (a function, or the module) reading what `assign` binds?"""
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
