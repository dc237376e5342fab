"""Shapes of code that say a call runs something first or a block is a program's entry.

Read by `hygiene.analysis.randomness` (moved out of it to keep that module under 400 lines).
"""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.names import dotted


def calls_first(receiver: cst.BaseExpression) -> bool:
    """Does the receiver of a method call contain a call (`Agent(cfg)` in `Agent(cfg).run()`)?"""
    while isinstance(receiver, (cst.Attribute, cst.Subscript)):
        receiver = receiver.value
    return isinstance(receiver, cst.Call)


def is_main_guard(test: cst.BaseExpression) -> bool:
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    left, right = test.left, test.comparisons[0].comparator
    names = {dotted(x) for x in (left, right) if isinstance(x, (cst.Name, cst.Attribute))}
    strings = {x.value.strip("\"'") for x in (left, right) if isinstance(x, cst.SimpleString)}
    return "__name__" in names and "__main__" in strings


# A file importing one of these serves requests (a demo, an API, a UI): not an experiment.
SERVING = frozenset({"gradio", "fastapi", "flask", "streamlit", "uvicorn", "dash", "starlette", "django",
                     "panel", "chainlit", "prompt_toolkit"})  # (not aiohttp: eval scripts call APIs with it)
# A folder of serving code (`serve/cli.py`, `serving/worker.py`): interactive chat and model
# workers answer requests; what they sample decides no reported number.
SERVING_DIRS = frozenset({"serve", "serving", "server", "servers"})
# Calls at module level that make a file a program.
CLI_RUNNERS = frozenset({"fire.Fire", "typer.run", "tyro.cli", "jsonargparse.CLI", "absl.app.run",
                         "click.command", "hydra.main"})
# Decorators of methods that a framework runs when the class is run, though no code calls them by name:
# Metaflow's steps (`python flow.py run` runs every `@step` of the FlowSpec constructed under `__main__`).
FRAMEWORK_STEPS = frozenset({"metaflow.step"})


def framework_step(function: cst.FunctionDef, qualified_name) -> bool:  # noqa: ANN001 (the walk's name resolver)
    """Is `function` a method decorated as a framework step (`@step` of Metaflow)?"""
    return any((qualified_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) or "")
               .replace("()", "") in FRAMEWORK_STEPS for d in function.decorators)


def runner_commands(value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What a command-line runner given `value` may call: the value, or each command of a dict or list of them
    (`fire.Fire({"train": train, "eval": evaluate})`)."""
    if isinstance(value, (cst.Dict, cst.List, cst.Tuple)):
        return [e.value for e in value.elements if isinstance(e, (cst.DictElement, cst.Element))]
    return [value]
# Predictions (an argmax) compared with labels: right answers counted, whatever the value is called.
_ARGMAX_MATCHES = re.compile(r"\bargmax\([^()]*\)\s*==|==\s*[\w.\[\]:]+\.argmax\(")


def counts_matches(code, value: cst.BaseExpression) -> bool:  # noqa: ANN001 (`code`: FileContext.code)
    """`acc = (model(x).argmax(1) == y).float().mean()`: predictions compared with labels and counted."""
    if not isinstance(value, (cst.Call, cst.Attribute, cst.BinaryOperation)):
        return False
    try:
        return bool(_ARGMAX_MATCHES.search(code(value)))
    except RecursionError:  # a machine-written expression thousands of terms deep
        return False


def assigns_counted_matches(ctx, node: cst.Assign) -> bool:  # noqa: ANN001 (`ctx`: FileContext)
    """`counts_matches` of an assigned value, asked only in a file whose text says argmax (searched
    once per file) and of a statement whose lines say it: no value's code generated elsewhere (issue 12)."""
    says = ctx.memo.get("says_argmax")
    if says is None:
        says = ctx.memo["says_argmax"] = "argmax" in ctx.text
    if not says:
        return False
    source = ctx.statement_source(node)
    return (source is None or "argmax" in source) and counts_matches(ctx.code, node.value)


def command_group(decorator: cst.BaseExpression) -> str | None:
    """`app` of `@app.command()` / `@app.command("train")` / `@cli.command` / `@app.callback()`: a typer
    or click group whose call (`app()`) runs the decorated function."""
    if isinstance(decorator, cst.Call):
        decorator = decorator.func
    if isinstance(decorator, cst.Attribute) and decorator.attr.value in ("command", "callback") \
            and isinstance(decorator.value, cst.Name):
        return decorator.value.value
    return None
