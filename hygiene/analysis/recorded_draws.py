"""Recorded draws: a random search whose drawn settings are written with each trial's results.

`K = np.random.randint(48, 128)`, `lr = 1e-3 * 10 ** np.random.uniform(-1, 1)`, `act = np.random.choice(["relu",
"tanh"])` in a loop that trains and scores a model and appends a record holding `K`, `lr` and `act` to a file
(`f.write("%d,%e,%s,%.5f\n" % (K, lr, act, auc))`): the draws are the search, and each trial's settings are kept
beside its score, so no result depends on an unrecorded draw; rerunning the best trial needs its record, not a
seed. A draw whose value is not written (a setting left out of the record, a subset drawn for the trial) is not
recorded. `hygiene.analysis.toy_draws` leaves the recorded draws out with the toy ones.
"""
from __future__ import annotations

import libcst as cst

from hygiene.walk import iter_nodes

# One value drawn from a literal range or list: a setting, not a sample of the data.
SETTING_DRAWS = frozenset({"randint", "rand", "random", "uniform", "choice", "loguniform", "normal"})
# Calls that put a record into a file opened for writing.
_RECORDS = frozenset({"write", "writerow", "writelines", "dump", "to_csv", "to_json"})


def setting_literal(expr: cst.BaseExpression) -> bool:
    """A number, a string, True/False, or a list/tuple of them (`["relu", "tanh"]`)."""
    if isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString)):
        return True
    if isinstance(expr, cst.Name):
        return expr.value in ("True", "False", "None")
    if isinstance(expr, cst.UnaryOperation):
        return setting_literal(expr.expression)
    if isinstance(expr, (cst.List, cst.Tuple)):
        return bool(expr.elements) and all(setting_literal(e.value) for e in expr.elements)
    return False


def is_setting_draw(call: cst.Call, tail: str) -> bool:
    """`randint(48, 128)`, `rand()`, `choice(["relu", "tanh"])`: one value, literal bounds, no size."""
    if tail not in SETTING_DRAWS or any(a.keyword is not None and a.keyword.value == "size" for a in call.args):
        return False
    positional = [a for a in call.args if a.keyword is None]
    if tail in ("rand", "random"):
        return not positional
    if tail == "choice":
        return len(positional) == 1 and setting_literal(positional[0].value)
    return len(positional) <= 2 and all(setting_literal(a.value) for a in call.args)


def _formats(call: cst.Call) -> bool:
    """`"{},{}".format(K, lr)`, `str(K)`, `dict(K=K)`, `",".join(...)`: the value written as text or a record."""
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value in ("format", "join")
    return isinstance(func, cst.Name) and func.value in ("str", "dict", "round", "float", "int", "repr", "list", "tuple")


def recorded(module: cst.Module, draws: dict[int, int]) -> set[int]:
    """Lines of the setting draws (`draws`: id of the call -> its line) assigned to a name in a loop whose
    body writes that name into a file's record, directly or through values built from it."""
    lines: set[int] = set()
    for loop in iter_nodes(module):
        if not isinstance(loop, (cst.For, cst.While)):
            continue
        drawn: dict[str, int] = {}  # name -> line of the draw it holds
        carried: dict[str, set[str]] = {}  # name -> drawn names its value was built from
        written: set[str] = set()
        for node in iter_nodes(loop.body):
            if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
                target = node.targets[0].target.value
                calls = [n for n in iter_nodes(node.value) if isinstance(n, cst.Call)]
                mine = [draws[id(c)] for c in calls if id(c) in draws]
                if mine and len(calls) == len(mine):
                    drawn[target] = mine[0]
                    continue
                known = drawn.keys() | carried.keys()
                if any(not _formats(c) and any(isinstance(n, cst.Name) and n.value in known
                                               for a in c.args for n in iter_nodes(a.value)) for c in calls):
                    continue  # `auc = score(build(K))`: a result computed from the setting, not the setting written
                read = {n.value for n in iter_nodes(node.value) if isinstance(n, cst.Name)}
                built = {d for r in read for d in ({r} & drawn.keys()) | carried.get(r, set())}
                if built:
                    carried[target] = built
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _RECORDS:
                for arg in node.args:
                    for name in (n.value for n in iter_nodes(arg.value) if isinstance(n, cst.Name)):
                        written |= ({name} & drawn.keys()) | carried.get(name, set())
                if isinstance(node.func.value, cst.Name):
                    written |= carried.get(node.func.value.value, set())  # `record.to_csv(...)`
        lines |= {drawn[name] for name in written}
    return lines
