"""Qualified names: what `np.random.rand`, `tts(...)` or `client.messages.create` refer to.

libcst's `QualifiedNameProvider` answers this through its scope analysis, which costs about four
times the parse on a large tree (transformers' src/: parse 9 s, scopes 38 s, qualified names
68 s). That rules out the speed the engine promises, so the resolver here is smaller and rides on
the one walk every rule shares:

- imports bind names in the scope they appear in (module, class, function), with aliases,
  relative imports resolved against the file's own module name;
- an assignment `x = <name or attribute>` makes `x` an alias; `x = <call>()` makes `x` an instance,
  written `<qualified callee>()`, so `scaler.fit` resolves to
  `sklearn.preprocessing.StandardScaler().fit`; any other assignment shadows the name;
- `self.x = ...` inside a method binds `x` on the class, for every method of that class;
- a parameter annotated with a type is an instance of it, any other parameter shadows;
- functions and classes defined in the file resolve to `<module>.<name>`, which is what another
  file's `from <module> import <name>` resolves to, so repo-level checks can join them;
- names bound nowhere that are builtins resolve to `builtins.<name>`.

Module-level imports are collected before the walk (imports below their first use still count);
everything else is bound in order as the walk reaches it.
"""
from __future__ import annotations

import builtins
from dataclasses import dataclass, field

import libcst as cst

_BUILTINS = frozenset(dir(builtins))


@dataclass
class Scope:
    kind: str  # "module" | "class" | "function"
    node: cst.CSTNode
    parent: Scope | None
    bindings: dict[str, str | None] = field(default_factory=dict)
    # For a class scope: attributes bound through `self.<attr> = ...` in its methods.
    attributes: dict[str, str | None] = field(default_factory=dict)
    name: str = ""


def dotted(expr: cst.BaseExpression | cst.Name | cst.Attribute) -> str | None:
    """`a.b.c` as a string, for plain name/attribute chains only."""
    parts: list[str] = []
    while expr.__class__ is cst.Attribute:  # not `isinstance`: see hygiene.walk.is_node
        parts.append(expr.attr.value)
        expr = expr.value
    if expr.__class__ is cst.Name:
        parts.append(expr.value)
        return ".".join(reversed(parts))
    return None


def module_name_for(path: str, package_dirs: frozenset[str] = frozenset()) -> str:
    """The importable module name of a repo-relative path.

    `package_dirs` are the folders holding an `__init__.py`; the module name starts below the
    highest folder of the package chain, so `src/pkg/mod.py` is `pkg.mod` and a script in a plain
    folder is just its stem.
    """
    parts = path[:-3].split("/") if path.endswith(".py") else path.rsplit(".", 1)[0].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    # Walk up from the file while the containing folder is a package.
    keep = 1
    while keep < len(parts) and "/".join(parts[: len(parts) - keep]) in package_dirs:
        keep += 1
    return ".".join(parts[len(parts) - keep:]) if parts else ""


def _import_targets(node: cst.Import | cst.ImportFrom, module: str, is_package: bool) -> list[tuple[str, str]]:
    """(bound name, qualified name) pairs an import statement creates."""
    pairs: list[tuple[str, str]] = []
    if isinstance(node, cst.Import):
        for alias in node.names:
            full = dotted(alias.name) or ""
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                pairs.append((alias.asname.name.value, full))
            else:
                head = full.split(".", 1)[0]
                pairs.append((head, head))
        return pairs
    base = dotted(node.module) if node.module is not None else ""
    if node.relative:
        level = len(node.relative)
        anchor = module.split(".") if module else []
        # A module's package is its parent; a package's own __init__ is its own package.
        drop = level - 1 if is_package else level
        anchor = anchor[: len(anchor) - drop] if drop else anchor
        base = ".".join([*anchor, base] if base else anchor)
    if isinstance(node.names, cst.ImportStar):
        return pairs
    for alias in node.names:
        name = dotted(alias.name) or ""
        bound = alias.asname.name.value if alias.asname is not None and isinstance(alias.asname.name, cst.Name) else name
        pairs.append((bound, f"{base}.{name}" if base else name))
    return pairs


def star_exports(module: str | None) -> list[str]:
    """The public names `from <module> import *` binds, for the library modules whose names the rules
    know (a star import of anything else binds names nobody can tell, so they stay unknown)."""
    if module == "sklearn.metrics":
        from hygiene.analysis.apis.sklearn import METRICS
        return sorted(name.rsplit(".", 1)[-1] for name in METRICS if name.startswith("sklearn.metrics."))
    return []


class NameResolver:
    """The engine's own visitor; it runs before every rule in the shared walk."""

    def __init__(self, module: cst.Module, module_name: str = "", is_package: bool = False) -> None:
        self.module_name = module_name
        self.is_package = is_package
        self.module_scope = Scope("module", module, None, name=module_name)
        self.scope = self.module_scope
        # Each function's scope as the walk left it, so rules can resolve names after the walk.
        self.function_scopes: dict[int, Scope] = {}
        # `qualified_name`'s answers while no binding changes (issue 12: the resolver, the extractors
        # and each rule ask again about the same call): id(node) -> (node, scope asked from, answer).
        # The node and scope are kept, so their ids cannot be reused; a caller may set `scope` for a
        # query (`apis.llm._static_name`), so the scope must match; every binding clears it (`_changed`).
        self._answers: dict[int, tuple[cst.CSTNode, Scope, str | None]] = {}
        self._prescan(module.body)

    # -- collection ---------------------------------------------------------------------------
    def _prescan(self, body: "tuple[cst.BaseStatement, ...] | list[cst.BaseStatement]") -> None:
        """Module-level imports and definitions, including those under `if`/`try`/`with`."""
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        self._bind_import(small, self.module_scope)
            elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                self.module_scope.bindings[stmt.name.value] = self._local(stmt.name.value)
            elif isinstance(stmt, (cst.If, cst.Try, cst.With)):
                for block in self._blocks(stmt):
                    self._prescan(block)

    @staticmethod
    def _blocks(stmt: cst.CSTNode) -> list:
        blocks = []
        body = getattr(stmt, "body", None)
        if isinstance(body, cst.IndentedBlock):
            blocks.append(body.body)
        for handler in getattr(stmt, "handlers", ()) or ():
            if isinstance(handler.body, cst.IndentedBlock):
                blocks.append(handler.body.body)
        orelse = getattr(stmt, "orelse", None)
        while orelse is not None:
            if isinstance(orelse, cst.If):
                if isinstance(orelse.body, cst.IndentedBlock):
                    blocks.append(orelse.body.body)
                orelse = orelse.orelse
            else:
                if isinstance(orelse.body, cst.IndentedBlock):
                    blocks.append(orelse.body.body)
                orelse = None
        return blocks

    def _changed(self) -> None:
        """A binding or the current scope changed: `qualified_name` answers afresh."""
        if self._answers:
            self._answers.clear()

    def _local(self, name: str) -> str:
        return f"{self.module_name}.{name}" if self.module_name else name

    def _bind_import(self, node: cst.Import | cst.ImportFrom, scope: Scope) -> None:
        self._changed()
        for bound, full in _import_targets(node, self.module_name, self.is_package):
            scope.bindings[bound] = full
        if isinstance(node, cst.ImportFrom) and isinstance(node.names, cst.ImportStar) and not node.relative:
            base = dotted(node.module) if node.module is not None else None
            for name in star_exports(base):  # `from sklearn.metrics import *`: only names known to be there
                scope.bindings[name] = f"{base}.{name}"

    # -- visitor protocol (called by hygiene.walk) ---------------------------------------------
    def visit_Import(self, node: cst.Import) -> None:
        if self.scope is not self.module_scope:
            self._bind_import(node, self.scope)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if self.scope is not self.module_scope:
            self._bind_import(node, self.scope)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._changed()
        if self.scope is not self.module_scope:
            self.scope.bindings[node.name.value] = None
        scope = Scope("function", node, self.scope, name=node.name.value)
        self.function_scopes[id(node)] = scope
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            scope.bindings[param.name.value] = self._annotation_instance(param.annotation)
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                scope.bindings[star.name.value] = None
        self.scope = scope
        self._changed()

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope = self.scope.parent or self.module_scope
        self._changed()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.scope is not self.module_scope:
            self.scope.bindings[node.name.value] = None
        self.scope = Scope("class", node, self.scope, name=node.name.value)
        self._changed()

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.scope = self.scope.parent or self.module_scope
        self._changed()

    def leave_Assign(self, node: cst.Assign) -> None:
        meaning = self._meaning(node.value)
        for target in node.targets:
            self._bind_target(target.target, meaning)

    def leave_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            meaning = self._meaning(node.value)
        else:
            meaning = self._annotation_instance(node.annotation)
        self._bind_target(node.target, meaning)

    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_target(node.asname.name, self._meaning(node.item))

    # -- binding helpers ------------------------------------------------------------------------
    def _annotation_instance(self, annotation: cst.Annotation | None) -> str | None:
        if annotation is None:
            return None
        qualified = self.qualified_name(annotation.annotation)
        return f"{qualified}()" if qualified else None

    def _meaning(self, value: cst.BaseExpression) -> str | None:
        if isinstance(value, (cst.Name, cst.Attribute, cst.Call)):
            return self.qualified_name(value)
        return None

    def _bind_target(self, target: cst.BaseExpression, meaning: str | None) -> None:
        self._changed()
        if isinstance(target, cst.Name):
            self.scope.bindings[target.value] = meaning
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value, None)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, None)
        elif (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
              and target.value.value == "self"):
            owner = self._enclosing_class()
            if owner is not None:
                owner.attributes[target.attr.value] = meaning

    def _enclosing_class(self) -> Scope | None:
        scope = self.scope
        if scope.kind == "function" and scope.parent is not None and scope.parent.kind == "class":
            return scope.parent
        return None

    # -- queries ---------------------------------------------------------------------------------
    def lookup(self, name: str) -> tuple[bool, str | None]:
        """(found, meaning) for a bare name, following Python's scope rules."""
        scope: Scope | None = self.scope
        first = True
        while scope is not None:
            # Class bodies are not visible from the methods inside them.
            if scope.kind != "class" or first:
                if name in scope.bindings:
                    return True, scope.bindings[name]
            first = False
            scope = scope.parent
        if name in _BUILTINS:
            return True, f"builtins.{name}"
        return False, None

    def qualified_name(self, expr: cst.CSTNode) -> str | None:
        """The qualified name of a name, attribute chain or call, or None when unknown."""
        known = self._answers.get(id(expr))
        if known is not None and known[0] is expr and known[1] is self.scope:
            return known[2]
        answer = self._qualified_name(expr)
        self._answers[id(expr)] = (expr, self.scope, answer)
        return answer

    def _qualified_name(self, expr: cst.CSTNode) -> str | None:
        suffix: list[str] = []
        while True:
            kind = expr.__class__  # not `isinstance`: see hygiene.walk.is_node
            if kind is cst.Attribute:
                suffix.append(expr.attr.value)
                expr = expr.value
            elif kind is cst.Call:
                inner = self.qualified_name(expr.func)
                if inner is None:
                    return None
                base = f"{inner}()"
                break
            elif kind is cst.Name:
                if expr.value == "self" and suffix:
                    owner = self._enclosing_class()
                    attr = suffix.pop()
                    if owner is None or attr not in owner.attributes or owner.attributes[attr] is None:
                        return None
                    base = owner.attributes[attr] or ""
                    break
                found, meaning = self.lookup(expr.value)
                if not found or meaning is None:
                    return None
                base = meaning
                break
            else:
                return None
        return ".".join([base, *reversed(suffix)]) if suffix else base

    def qualified_name_in(self, function: cst.FunctionDef | None, expr: cst.CSTNode) -> str | None:
        """`qualified_name` as seen from inside `function` (its bindings as the walk left them) or
        from the module's top level: for analyses that run after the walk."""
        saved = self.scope
        self.scope = self.function_scopes.get(id(function), self.module_scope) if function else self.module_scope
        self._changed()
        try:
            return self.qualified_name(expr)
        finally:
            self.scope = saved
            self._changed()

    @property
    def function(self) -> cst.FunctionDef | None:
        """The innermost function being walked, if any."""
        scope: Scope | None = self.scope
        while scope is not None:
            if scope.kind == "function":
                return scope.node  # type: ignore[return-value]
            scope = scope.parent
        return None

    def scope_path(self) -> str:
        """`Class.method` style name of where the walk is, for finding identities."""
        names = []
        scope: Scope | None = self.scope
        while scope is not None and scope.kind != "module":
            names.append(scope.name)
            scope = scope.parent
        return ".".join(reversed(names))


def binding_names(target: cst.BaseExpression) -> list[cst.Name]:
    """The names an assignment or loop target binds, through tuples, lists and `*rest`; attribute
    and subscript targets (`self.x`, `d[k]`) bind no name and are left out."""
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for element in target.elements for n in binding_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return binding_names(target.value)
    return []


def binds_only_names(target: cst.BaseExpression) -> bool:
    """Does every part of the target bind a plain name (no `self.x` or `d[k]` inside)?"""
    if isinstance(target, cst.StarredElement):
        return binds_only_names(target.value)
    if isinstance(target, (cst.Tuple, cst.List)):
        return all(binds_only_names(element.value) for element in target.elements)
    return isinstance(target, cst.Name)


def call_tail(call: cst.Call) -> str:
    """The last name of what a call calls: `f` of `f(x)`, `append` of `rows.append(x)`; "" otherwise."""
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
