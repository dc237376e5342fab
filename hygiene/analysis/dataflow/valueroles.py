"""What rows are by value when a variable's name says otherwise: `val_loader` built from
`ImageFolder("data/test")` holds the test set (`hygiene.analysis.dataflow.queries.role_via`)."""
from __future__ import annotations

from hygiene.analysis.dataflow.program import Program, Ref, Stack


def test_rows_named_val(prog: Program, node: Ref, here: Stack) -> tuple[str, Ref] | None:
    """("test", the node that says so) when `node`'s role comes from a validation name alone and the rows
    behind it are the test set by a path or a loader's split argument. Only this way round: a test name over
    training rows stays the rules' own question (EVAL020 and EVAL024 report a copy-paste where it is named)."""
    if not _named_only(prog, node):
        return None
    deeper = _value_role(prog, node, here)
    return deeper if deeper is not None and deeper[0] == "test" else None


def _named_only(prog: Program, ref: Ref) -> bool:
    """The node's role comes from its variable's name alone (no split part, no loader argument)."""
    info = prog.info(ref)
    return not info.get("role") and not (prog.kind(ref) == "part") and bool(info.get("name"))


def _value_role(prog: Program, ref: Ref, stack: Stack, limit: int = 120) -> tuple[str, Ref] | None:
    """The role the rows behind a named value state by what they are (a path or a split keyword of the call
    that loaded them), names aside; None when they state none or disagree. A split's part stops the walk:
    a validation part carved out of the training rows is the `"test"` part of that split."""
    level, seen, found = [(ref, stack)], set(), {}
    while level and len(seen) < limit:
        following = []
        for node, here in level:
            if (node, here) in seen:
                continue
            seen.add((node, here))
            info = prog.info(node)
            if node != ref and prog.kind(node) == "part":
                continue  # a split's part (`carve["test"]` of a split of the training rows): the name says more
            said = info.get("role") if node != ref else None
            if said in ("train", "test", "val"):
                found.setdefault(said, node)
                continue
            following.extend(prog.back_step(node, here, rows=True))
        if found:
            return next(iter(found.items())) if len(found) == 1 else None
        level = following
    return None
