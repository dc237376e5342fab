"""Literal values a static reader can know: `temperature=args.temperature` is 0.8 when
`--temperature` has `default=0.8`.

`literal(ctx, expr)` returns the Python value of `expr` (int, float, str, bool, None) or
`UNKNOWN`. It knows literals, module-level constants assigned once (`TEMPERATURE = 0.0`),
argparse defaults reached through any namespace (`args.temperature`), and the defaults of class
fields (`temperature: float = 0.7` in a dataclass) when the object is known to be an instance of
that class (`cfg: RunCfg`, `cfg = RunCfg(...)`), and the defaults of a command-line entry's
parameters (`temp: float = typer.Option(0.8)`, `fire.Fire(main)`). A value read from a config file or a dict is
unknown. The index is built on the first question per file (memoised), so files nobody asks about
pay nothing.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

import libcst as cst

from hygiene.walk import iter_nodes

if TYPE_CHECKING:
    from hygiene.context import FileContext

UNKNOWN: Any = object()


class _Index:
    def __init__(self, ctx: FileContext) -> None:
        self.constants: dict[str, Any] = {}
        self.cli: dict[str, Any] = {}
        self.fields: dict[str, dict[str, Any]] = {}  # class name -> field -> default
        module = ctx.module
        if module is None:
            return
        assigned: dict[str, int] = {}
        for stmt in module.body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                            and isinstance(small.targets[0].target, cst.Name):
                        name = small.targets[0].target.value
                        assigned[name] = assigned.get(name, 0) + 1
                        self.constants[name] = plain_literal(small.value)
                    elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
                        name = small.target.value
                        assigned[name] = assigned.get(name, 0) + 1
                        self.constants[name] = plain_literal(small.value)
            elif isinstance(stmt, cst.ClassDef):
                self.fields[stmt.name.value] = _class_fields(stmt)
        for name, count in assigned.items():
            if count > 1:
                self.constants[name] = UNKNOWN
        cli_count: dict[str, int] = {}
        for node in iter_nodes(module):
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "add_argument":
                dest, default = _argparse(node)
                if dest:
                    cli_count[dest] = cli_count.get(dest, 0) + 1
                    self.cli[dest] = default
        for dest, count in cli_count.items():
            if count > 1:
                self.cli[dest] = UNKNOWN


def _class_fields(node: cst.ClassDef) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if not isinstance(node.body, cst.IndentedBlock):
        return fields
    for stmt in node.body.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
                    fields[small.target.value] = plain_literal(small.value)
                elif isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name):
                    fields[small.targets[0].target.value] = plain_literal(small.value)
    return fields


def _argparse(node: cst.Call) -> tuple[str | None, Any]:
    flags: list[str] = []
    dest: str | None = None
    default: Any = None  # argparse's own default
    for arg in node.args:
        if arg.keyword is None and isinstance(arg.value, cst.SimpleString):
            value = plain_literal(arg.value)
            if isinstance(value, str):
                flags.append(value)
        elif arg.keyword is not None and arg.keyword.value == "dest":
            value = plain_literal(arg.value)
            dest = value if isinstance(value, str) else None
        elif arg.keyword is not None and arg.keyword.value == "default":
            default = plain_literal(arg.value)
        elif arg.keyword is not None and arg.keyword.value == "action":
            action = plain_literal(arg.value)
            if action == "store_true" and default is None:
                default = False
    if dest is None:
        longs = [f for f in flags if f.startswith("--")]
        chosen = longs[0] if longs else (flags[0] if flags else "")
        dest = chosen.lstrip("-").replace("-", "_") or None
    return dest, default


def plain_literal(expr: cst.BaseExpression) -> Any:
    """The value of a literal expression (numbers, strings, True/False/None, -x), else UNKNOWN."""
    if isinstance(expr, cst.Name):
        return {"True": True, "False": False, "None": None}.get(expr.value, UNKNOWN)
    if isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString)):
        try:
            return ast.literal_eval(expr.value)
        except (ValueError, SyntaxError):
            return UNKNOWN
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        inner = plain_literal(expr.expression)
        return -inner if isinstance(inner, (int, float)) else UNKNOWN
    return UNKNOWN


def _index(ctx: FileContext) -> _Index:
    index = ctx.memo.get("values")
    if index is None:
        index = ctx.memo["values"] = _Index(ctx)
    return index


def literal(ctx: FileContext, expr: cst.BaseExpression) -> Any:
    """The value `expr` holds, or UNKNOWN."""
    value = plain_literal(expr)
    if value is not UNKNOWN:
        return value
    if isinstance(expr, cst.Name):
        # Only a name that still means the module-level binding (not a parameter or a local).
        if ctx.names is not None and _is_module_binding(ctx, expr.value):
            return _index(ctx).constants.get(expr.value, UNKNOWN)
        return _cli_default(ctx, expr.value)
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        index = _index(ctx)
        owner = ctx.names.qualified_name(expr.value) if ctx.names is not None else None
        if owner and owner.endswith("()"):
            cls = owner[:-2].rsplit(".", 1)[-1]
            if cls in index.fields:
                return index.fields[cls].get(expr.attr.value, UNKNOWN)
            if owner.startswith("argparse."):
                return index.cli.get(expr.attr.value, UNKNOWN)
        return index.cli.get(expr.attr.value, UNKNOWN)
    return UNKNOWN


def _is_module_binding(ctx: FileContext, name: str) -> bool:
    """`name` read here means the module-level variable (no local or parameter shadows it)."""
    scope = ctx.names.scope
    while scope is not None and scope.kind != "module":
        if scope.kind != "class" and name in scope.bindings:
            return False
        scope = scope.parent
    return True


_CLI_OPTIONS = frozenset({"typer.Option", "typer.Argument", "typer.params.Option", "typer.params.Argument"})


def _cli_default(ctx: FileContext, name: str) -> Any:
    """The default of a parameter of the command-line entry being walked: `temperature: float =
    typer.Option(0.8)`, or a plain default of a function run by `typer.run(main)` / `fire.Fire(main)` /
    an `@app.command()` (the command line may override it, as with an argparse default)."""
    function = ctx.names.function if ctx.names is not None else None
    if function is None:
        return UNKNOWN
    params = [*function.params.params, *function.params.kwonly_params]
    param = next((p for p in params if p.name.value == name), None)
    if param is None or param.default is None:
        return UNKNOWN
    default = param.default
    if isinstance(default, cst.Call) and ctx.names.qualified_name(default.func) in _CLI_OPTIONS:
        given = next((a.value for a in default.args if a.keyword is None or a.keyword.value == "default"), None)
        return plain_literal(given) if given is not None else UNKNOWN
    entry = function.name.value
    commands = any(isinstance(d.decorator, cst.Call) and isinstance(d.decorator.func, cst.Attribute)
                   and d.decorator.func.attr.value == "command" for d in function.decorators)
    if commands or f"typer.run({entry})" in ctx.text or f"Fire({entry})" in ctx.text:
        return plain_literal(default)
    return UNKNOWN
