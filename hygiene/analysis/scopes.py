"""Names in one file: where each is bound and read, scope by scope, in source order.

`ScopeIndex.of(ctx)` indexes a parsed file once (on demand, memoised per file): the parent of
every node, its pre-order position, the bindings of each name in each scope (assignments, `+=`,
loop targets, parameters, imports, `with ... as`, `except ... as`, definitions) and the loads.
`loads_reached(statement, name)` answers "which reads of `name` see the value this statement
bound?" by taking, for each read, the nearest binding complete before it in source order (a
loop's target is bound for its whole body). That is a cheap approximation of reaching
definitions (the other arm of a branch is not seen), enough for `prompt = prompt.format(...)`.
A module-level name read inside a function is followed when the module binds it once.

Only rules with a candidate ask, so files without one pay nothing.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from hygiene.walk import iter_children

if TYPE_CHECKING:
    from hygiene.context import FileContext

_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.Module)
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


@dataclass
class Binding:
    start: int
    end: int
    node: cst.CSTNode  # the Assign / AugAssign / For / Import ... statement, or the Param


class ScopeIndex:
    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.parent: dict[int, cst.CSTNode] = {}
        self.order: dict[int, int] = {}
        self.end: dict[int, int] = {}
        self.loads: dict[tuple[int, str], list[cst.Name]] = {}
        self.bindings: dict[tuple[int, str], list[Binding]] = {}
        self.globals: set[tuple[int, str]] = set()
        assert ctx.module is not None
        self.module = ctx.module
        self._index(ctx.module)

    @classmethod
    def of(cls, ctx: FileContext) -> ScopeIndex:
        index = ctx.memo.get("scopes")
        if index is None:
            index = ctx.memo["scopes"] = cls(ctx)
        return index

    def _index(self, root: cst.Module) -> None:
        counter = 0
        stack: list[tuple[cst.CSTNode, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.end[id(node)] = counter
                continue
            self.order[id(node)] = counter
            counter += 1
            stack.append((node, True))
            kids = list(iter_children(node))
            for kid in kids:
                self.parent[id(kid)] = node
            stack.extend((kid, False) for kid in reversed(kids))
        self._collect(root)

    def _collect(self, root: cst.Module) -> None:
        stack: list[cst.CSTNode] = [root]
        while stack:
            node = stack.pop()
            stack.extend(iter_children(node))
            if isinstance(node, cst.Name):
                self._name(node)
            elif isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
                targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                for target in targets:
                    self._bind_target(target, node)
            elif isinstance(node, (cst.For, cst.NamedExpr)):
                self._bind_target(node.target, node)
            elif isinstance(node, cst.WithItem) and node.asname is not None:
                self._bind_target(node.asname.name, node)
            elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                self._bind(self.scope_of(node), node.name.value, node)
                if isinstance(node, cst.FunctionDef):
                    params = node.params
                    for param in (*params.posonly_params, *params.params, *params.kwonly_params,
                                  *(p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param))):
                        self._bind(node, param.name.value, param)
            elif isinstance(node, (cst.Import, cst.ImportFrom)) and not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    bound = alias.asname.name if alias.asname is not None else alias.name
                    while isinstance(bound, cst.Attribute):
                        bound = bound.value
                    if isinstance(bound, cst.Name):
                        self._bind(self.scope_of(node), bound.value, node)
            elif isinstance(node, (cst.Global, cst.Nonlocal)):
                for item in node.names:
                    self.globals.add((id(self.scope_of(node)), item.name.value))
            elif isinstance(node, cst.ExceptHandler) and node.name is not None:
                self._bind_target(node.name.name, node)

    def _bind_target(self, target: cst.CSTNode, holder: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            self._bind(self.scope_of(holder), target.value, holder)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value, holder)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, holder)

    def _bind(self, scope: cst.CSTNode, name: str, holder: cst.CSTNode) -> None:
        binding = Binding(self.order.get(id(holder), 0), self.end.get(id(holder), 0), holder)
        self.bindings.setdefault((id(scope), name), []).append(binding)

    def _name(self, node: cst.Name) -> None:
        parent = self.parent.get(id(node))
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            return
        if isinstance(parent, cst.Arg) and parent.keyword is node:
            return
        if isinstance(parent, cst.Param) and parent.name is node:
            return
        if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.ImportAlias, cst.AsName, cst.Global,
                               cst.Nonlocal, cst.NameItem)):
            return
        if self._is_store(node, parent):
            return
        scope = self.scope_of(node)
        # A comprehension's own variables are not the enclosing scope's.
        walker: cst.CSTNode | None = parent
        while walker is not None and not isinstance(walker, _SCOPES):
            if isinstance(walker, _COMPREHENSIONS) and node.value in _comprehension_targets(walker):
                return
            walker = self.parent.get(id(walker))
        self.loads.setdefault((id(scope), node.value), []).append(node)

    def _is_store(self, node: cst.Name, parent: cst.CSTNode | None) -> bool:
        child: cst.CSTNode = node
        while isinstance(parent, (cst.Tuple, cst.List, cst.Element, cst.StarredElement)):
            child, parent = parent, self.parent.get(id(parent))
        if isinstance(parent, cst.AssignTarget):
            return True
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.target is child:
            return True
        if isinstance(parent, cst.AnnAssign) and parent.target is child:
            return True
        if isinstance(parent, cst.NamedExpr) and parent.target is child:
            return True
        return False

    # -- scopes ---------------------------------------------------------------------------------
    def scope_of(self, node: cst.CSTNode) -> cst.CSTNode:
        """The function, lambda, class or module whose namespace `node`'s names live in."""
        walker = self.parent.get(id(node))
        child = node
        while walker is not None:
            if isinstance(walker, (cst.FunctionDef, cst.Lambda, cst.ClassDef)) and child is walker.body:
                return walker
            if isinstance(walker, cst.Module):
                return walker
            child, walker = walker, self.parent.get(id(walker))
        return self.module

    def function_of(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        walker = self.parent.get(id(node))
        while walker is not None and not isinstance(walker, cst.FunctionDef):
            walker = self.parent.get(id(walker))
        return walker

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        walker = self.parent.get(id(node))
        while walker is not None:
            yield walker
            walker = self.parent.get(id(walker))

    def names_bound_in(self, scope: cst.CSTNode) -> set[str]:
        """Every name `scope` binds: parameters, assignments, loop targets, imports."""
        return {name for (scope_id, name) in self.bindings if scope_id == id(scope)}

    def resolve(self, node: cst.CSTNode, expr: cst.CSTNode) -> str | None:
        """Qualified name of `expr` as seen from where `node` is (its function's final bindings)."""
        return self.ctx.names.qualified_name_in(self.function_of(node), expr)

    # -- flow -----------------------------------------------------------------------------------
    def local_function(self, call: cst.Call) -> cst.FunctionDef | None:
        """The definition in this file of the function or `self.` method that `call` calls."""
        func = call.func
        if isinstance(func, cst.Name):
            if self.scope_of(call) is not self.module and (id(self.scope_of(call)), func.value) in self.bindings:
                return None  # shadowed by a local
            for binding in self.bindings.get((id(self.module), func.value), []):
                if isinstance(binding.node, cst.FunctionDef):
                    return binding.node
            return None
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self":
            cls = next((a for a in self.ancestors(call) if isinstance(a, cst.ClassDef)), None)
            if cls is not None:
                for binding in self.bindings.get((id(cls), func.attr.value), []):
                    if isinstance(binding.node, cst.FunctionDef):
                        return binding.node
        return None

    def loads_reached(self, statement: cst.CSTNode, name: str) -> list[cst.Name]:
        """Loads of `name` whose nearest earlier binding is `statement` (or an `+=` chained to it)."""
        return self.reached(self.scope_of(statement), statement, name)

    def reached(self, scope: cst.CSTNode, holder: cst.CSTNode, name: str) -> list[cst.Name]:
        own = sorted(self.bindings.get((id(scope), name), []), key=lambda b: b.start)
        carriers = {id(holder)}
        for binding in own:  # `x += ...` after our binding keeps our text in x
            if isinstance(binding.node, cst.AugAssign) and self._reaching(own, binding.start) in carriers:
                carriers.add(id(binding.node))
        reached = [load for load in self.loads.get((id(scope), name), [])
                   if self._reaching(own, self.order[id(load)]) in carriers]
        if isinstance(scope, cst.Module) and len(own) == 1:
            # Read inside functions that do not bind the name themselves.
            for (scope_id, load_name), loads in self.loads.items():
                if load_name != name or scope_id == id(scope):
                    continue
                if (scope_id, name) in self.bindings and (scope_id, name) not in self.globals:
                    continue
                reached.extend(loads)
        return reached

    @staticmethod
    def _reaching(bindings: list[Binding], index: int) -> int | None:
        """The binding a load at pre-order `index` reads: the last one complete before it (a loop's
        target is bound for its whole body)."""
        best = None
        for binding in bindings:
            if binding.end <= index or (isinstance(binding.node, cst.For) and binding.start < index):
                best = binding
        return id(best.node) if best is not None else None



def _comprehension_targets(node: cst.CSTNode) -> set[str]:
    names: set[str] = set()
    comp = getattr(node, "for_in", None)
    while comp is not None:
        stack = [comp.target]
        while stack:
            target = stack.pop()
            if isinstance(target, cst.Name):
                names.add(target.value)
            elif isinstance(target, (cst.Tuple, cst.List)):
                stack.extend(e.value for e in target.elements)
        comp = comp.inner_for_in
    return names


def named_lambda(parents: list[cst.CSTNode]) -> str | None:
    """`f` when the node whose `parents` these are lies in the body of a lambda bound to a module-level name
    (`f = lambda: np.random.rand()`): that code runs when `f` is called, like a function's body, not when the
    module is imported. None elsewhere (a lambda handed to a call runs with it)."""
    outer, lambdas = None, 0
    for i in range(len(parents) - 1, -1, -1):
        node = parents[i]
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            return None
        if isinstance(node, cst.Lambda):
            outer, lambdas = i, lambdas + 1
    if outer is None or outer < 2:
        return None
    assign, line = parents[outer - 1], parents[outer - 2]
    if not isinstance(assign, cst.Assign) or assign.value is not parents[outer] or len(assign.targets) != 1 \
            or not isinstance(line, cst.SimpleStatementLine) or not isinstance(assign.targets[0].target, cst.Name):
        return None
    # `beta = lambda a, b: lambda: np.random.beta(a, b)`: calling `beta` only makes the inner lambda, which
    # whoever holds it calls later; its own scope, which no call names.
    return assign.targets[0].target.value + (".<lambda>" if lambdas > 1 else "")
