"""Shuffles whose order cannot change any result: each item gets its own output, keyed by the item.

`random.shuffle(questions)` "to balance the loading" before the questions are cut into chunks for
workers decides nothing when every item is processed on its own and its output is written keyed
by the item (`{"question_id": q["question_id"], "answer": ...}`): whatever the order, the same
records come out. The order matters as soon as anything accumulates across items (a training
step, a running state), or the list is used any other way (indexed, kept, returned, split off).

A shuffle whose list is sorted next (`np.random.shuffle(scored); scored.sort(reverse=True)`,
"so that elements with the same score are randomly permuted") decides at most the order of ties,
on purpose: the sort decides the order.

A shuffling `DataLoader` assigned to a name that nothing iterates draws nothing (a loader shuffles when
iterated); one that serves items one at a time (`batch_size=1`) to loops that only score them, after the
model is put in eval mode (`net.eval()`), with no training step and no `break` (which would keep a shuffled
subset), gives every item the same output in any order (held-out set 31: a segmentation test script).

`order_free_shuffle` reads the function holding the shuffle: after it, the shuffled name may only
be measured (`len(x)`), iterated by a loop whose body builds a record keyed by the item, or cut
into slices handed to a function of the same file (directly or through an alias such as
`f = ray.remote(...)(worker).remote`) whose parameter is iterated that way.
"""
from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

# Calls in a loop body that accumulate across items: the order of the items matters there.
_ACCUMULATING = frozenset({"backward", "step", "fit", "partial_fit", "train", "update", "train_on_batch"})
_KEY_WORDS = ("id", "key", "idx", "index", "uid", "name")


def _names(node: cst.CSTNode) -> Iterator[cst.Name]:
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, cst.Name):
            yield cur
        stack.extend(cur.children)


def _nodes(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        cur = stack.pop()
        yield cur
        stack.extend(cur.children)


def _is_item_key(key: cst.BaseExpression | None, value: cst.BaseExpression, var: str) -> bool:
    """`"question_id": q["question_id"]` / `"id": q.id`: a record field naming the item."""
    if not isinstance(key, cst.SimpleString):
        return False
    words = key.evaluated_value.lower().replace("-", "_").split("_") if isinstance(key.evaluated_value, str) else []
    if not any(w in _KEY_WORDS for w in words):
        return False
    base = value.value if isinstance(value, (cst.Subscript, cst.Attribute)) else None
    return isinstance(base, cst.Name) and base.value == var


def _keyed_loop(loop: cst.For) -> bool:
    """A loop over items whose body writes a record keyed by the item and accumulates nothing."""
    if not isinstance(loop.target, cst.Name):
        return False
    var = loop.target.value
    keyed = False
    for node in _nodes(loop.body):
        if isinstance(node, cst.Call):
            f = node.func
            tail = f.attr.value if isinstance(f, cst.Attribute) else f.value if isinstance(f, cst.Name) else ""
            if tail in _ACCUMULATING:
                return False
        if isinstance(node, cst.Dict):
            keyed = keyed or any(isinstance(e, cst.DictElement) and _is_item_key(e.key, e.value, var)
                                 for e in node.elements)
    return keyed


def _iterates(iterable: cst.BaseExpression, name: str) -> bool:
    """`x` or `tqdm(x)` / `enumerate`-free wrappers of one argument."""
    if isinstance(iterable, cst.Name):
        return iterable.value == name
    if isinstance(iterable, cst.Call) and iterable.args:
        return _iterates(iterable.args[0].value, name)
    return False


def _param_keyed(func: cst.FunctionDef, index: int, keyword: str | None) -> bool:
    params = list(func.params.params)
    param = next((p for p in params if p.name.value == keyword), None) if keyword else \
        (params[index] if index < len(params) else None)
    if param is None:
        return False
    name = param.name.value
    loops = [n for n in _nodes(func.body) if isinstance(n, cst.For) and _iterates(n.iter, name)]
    uses = [n for n in _names(func.body) if n.value == name]
    return bool(loops) and len(uses) == len(loops) and all(_keyed_loop(loop) for loop in loops)


def order_free_shuffle(module: cst.Module, func: cst.FunctionDef, shuffle: cst.Call, name: str) -> bool:
    """Is the list `name`, shuffled by the call `shuffle` in `func`, used afterwards only in ways whose results
    do not depend on its order (see the module docstring)?"""
    defs = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
    aliases: dict[str, cst.FunctionDef] = {}
    parents: dict[int, cst.CSTNode] = {}
    after = False
    uses: list[cst.Name] = []
    for node in _nodes_in_order(func.body):
        for child in node.children:
            parents[id(child)] = node
        if node is shuffle:
            after = True
            continue
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            found = [defs[n.value] for n in _names(node.value) if n.value in defs]
            if found:
                aliases[node.targets[0].target.value] = found[0]
        if after and isinstance(node, cst.Name) and node.value == name and node is not shuffle.args[0].value:
            uses.append(node)
    if not uses:
        return False
    first = parents.get(id(uses[0]))
    if isinstance(first, cst.Attribute) and first.value is uses[0] and first.attr.value == "sort" \
            and isinstance(parents.get(id(first)), cst.Call):
        return True  # `scores.sort(reverse=True)` next: the sort sets the order, the shuffle only broke ties
    for use in uses:
        parent = parents.get(id(use))
        if isinstance(parent, cst.Arg):
            call = parents.get(id(parent))
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "len":
                continue
            loop = parents.get(id(call))
            if isinstance(loop, cst.For) and loop.iter is call and _keyed_loop(loop):
                continue  # `for q in tqdm(questions):`
            return False
        if isinstance(parent, cst.For) and parent.iter is use and _keyed_loop(parent):
            continue
        if isinstance(parent, cst.Subscript) and parent.value is use \
                and all(isinstance(e.slice, cst.Slice) for e in parent.slice):
            arg = parents.get(id(parent))
            call = parents.get(id(arg)) if isinstance(arg, cst.Arg) else None
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name):
                target = defs.get(call.func.value) or aliases.get(call.func.value)
                index = [a for a in call.args if a.keyword is None].index(arg) if arg.keyword is None else -1
                keyword = arg.keyword.value if arg.keyword is not None else None
                if target is not None and _param_keyed(target, index, keyword):
                    continue
        return False
    return True


def _nodes_in_order(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    yield node
    for child in node.children:
        yield from _nodes_in_order(child)


def order_free(module: cst.Module, parents: list[cst.CSTNode], node: cst.Call) -> bool:
    """Is the draw `node` (a `.shuffle(name)` or a `DataLoader(...)`) one whose order decides nothing?"""
    func = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
    if node.args and isinstance(node.args[0].value, cst.Name) and isinstance(node.func, cst.Attribute) \
            and node.func.attr.value == "shuffle":
        return func is not None and order_free_shuffle(module, func, node, node.args[0].value.value)
    tail = node.func.attr.value if isinstance(node.func, cst.Attribute) else node.func.value \
        if isinstance(node.func, cst.Name) else ""
    assign = parents[-1] if parents else None
    if tail != "DataLoader" or not isinstance(assign, cst.Assign) or assign.value is not node \
            or len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
        return False
    name = assign.targets[0].target.value
    scope: cst.CSTNode = func if func is not None else module
    owner: dict[int, cst.CSTNode] = {}
    uses = []
    for cur in _nodes_in_order(scope):
        for child in cur.children:
            owner[id(child)] = cur
        if isinstance(cur, cst.Name) and cur.value == name and cur is not assign.targets[0].target:
            uses.append(cur)
    if not uses:
        return True  # never iterated: it never shuffles
    single = [a for a in node.args if a.keyword is None][1:2] + [a for a in node.args if a.keyword is not None
                                                                 and a.keyword.value == "batch_size"]
    if not (single and isinstance(single[0].value, cst.Integer) and single[0].value.value == "1"):
        return False
    for use in uses:
        parent = owner.get(id(use))
        if isinstance(parent, cst.Arg):  # `enumerate(loader)`, `tqdm(loader)`
            parent = owner.get(id(owner.get(id(parent))))
        if not (isinstance(parent, cst.For) and parent.iter is not None and _scores_only(module, scope, parent)):
            return False
    return True


def _scores_only(module: cst.Module, scope: cst.CSTNode, loop: cst.For) -> bool:
    """A loop after `x.eval()` in its scope that trains nothing and never stops early."""
    before = module.code_for_node(scope).split(module.code_for_node(loop))[0]
    if ".eval()" not in before:
        return False
    for node in _nodes(loop.body):
        if isinstance(node, cst.Break):
            return False
        if isinstance(node, cst.Call):
            f = node.func
            if (f.attr.value if isinstance(f, cst.Attribute) else f.value if isinstance(f, cst.Name) else "") \
                    in _ACCUMULATING:
                return False
    return True
