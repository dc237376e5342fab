"""GitHub Actions workflow commands: one annotation per finding on the pull request's diff.

https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from hygiene.finding import Severity
from hygiene.report.notebook_lines import NotebookLines

if TYPE_CHECKING:
    from hygiene.runner import ScanResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: ScanResult, **_: object) -> str:
    lines = []
    notebooks = NotebookLines(result.root)
    for f in result.findings:
        props = [f"file={escape_property(f.path)}"]
        raw = notebooks.line(f.path, f.cell, f.cell_line)
        if raw:  # the annotation sits on the raw .ipynb line that holds the cell's line
            props.append(f"line={raw}")
        elif f.line:
            props.append(f"line={f.line}")
            if f.end_line and f.end_line != f.line:
                props.append(f"endLine={f.end_line}")
            elif f.column:
                props.append(f"col={f.column}")
        props.append(f"title={escape_property(f'{f.rule} {f.category}')}")
        cell = f" (cell {f.cell}, line {f.cell_line})" if f.cell is not None else ""
        source = " [source: llm]" if f.source == "llm" else ""  # a model's reading, not a rule's proof
        lines.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{escape_data(f.message + cell + source)}")
    for d in result.diagnostics:
        level = "error" if d.kind == "error" else "notice"
        lines.append(f"::{level} file={escape_property(d.path)},title=hygiene::{escape_data(d.message)}")
    state = result.checklist
    if state and state.get("blocking"):
        # Without this line a run whose only failure is the checklist exits 1 with no reason.
        n, path = state["blocking"], state["path"]
        text = (f"{n} required checklist question{'s' if n != 1 else ''} without an answer that counts "
                f"({state['required_answered']} of {state['required']} answered): answer "
                f"{'them' if n != 1 else 'it'} in {path} under \"Your answer\", or run `hygiene answer`, and commit {path}")
        lines.append(f"::error file={escape_property(path)},title=hygiene checklist::{escape_data(text)}")
    # One-line remarks (the LLM review skipped, stopped or incomplete, and why) reach the workflow log.
    lines.extend(f"::notice title=hygiene::{escape_data(note)}" for note in result.notes)
    return "\n".join(lines) + ("\n" if lines else "")
