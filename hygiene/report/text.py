"""`path:line:col CODE message`, coloured on a terminal, then a summary by category."""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import click

from hygiene.finding import Finding, Severity

if TYPE_CHECKING:
    from hygiene.finding import Diagnostic
    from hygiene.runner import ScanResult

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def location(f: Finding) -> str:
    where = f.path
    if f.line:
        where += f":{f.line}"
        if f.column:
            where += f":{f.column}"
    return where


# Diagnostics of one kind that a repository can have by the dozen (a folder of Python 2 tutorials):
# more than FOLD_AFTER of a kind are said in one line; `--format json` keeps each.
FOLD_AFTER = 3
_KINDS = (
    ("error", re.compile(r"looks like Python 2"), "{n} files look like Python 2, which hygiene does not read"),
    ("note", re.compile(r"looks like Python 2"), "{n} notebooks have Python 2 cells, which hygiene skips"),
    ("note", re.compile(r"^(cell \d+ skipped: |\d+ cells skipped, they do not parse)"),
     "{n} notebooks have cells that do not parse, which hygiene skips"),
    ("error", re.compile(r"^syntax error"), "{n} files have syntax errors and were not checked"),
    ("note", re.compile(r"^JSON lines in a `\.json` file"), "{n} `.json` files hold JSON lines, read one value per line"),
)


def diagnostic_lines(diagnostics: list[Diagnostic]) -> list[tuple[str, str]]:
    """(label, text) per line: each diagnostic as it is, or one line for a kind with many."""
    def kind(d: Diagnostic) -> int | None:
        label = "error" if d.kind == "error" else "note"
        return next((i for i, (k, pattern, _) in enumerate(_KINDS) if k == label and pattern.search(d.message)), None)

    members: dict[int, list[Diagnostic]] = {}
    for d in diagnostics:
        k = kind(d)
        if k is not None:
            members.setdefault(k, []).append(d)
    # More than FOLD_AFTER lines in all (three Python 2 notebooks and an R one): kinds of two or
    # more are said in one line too.
    folded = {k for k, group in members.items() if len(group) > FOLD_AFTER}
    left = sum(1 for d in diagnostics if kind(d) not in folded) + len(folded)
    if left > FOLD_AFTER:
        folded |= {k for k, group in members.items() if len(group) > 1}
    lines: list[tuple[str, str]] = []
    said: set[int] = set()
    for d in diagnostics:
        k = kind(d)
        label = "error" if d.kind == "error" else "note"
        if k is None or k not in folded:
            lines.append((label, f"{d.path}: {d.message}"))
        elif k not in said:
            said.add(k)
            group = members[k]
            shown = ", ".join(m.path for m in group[:FOLD_AFTER])
            more = f", and {len(group) - FOLD_AFTER} more" if len(group) > FOLD_AFTER else ""
            lines.append((label, _KINDS[k][2].format(n=len(group)) + f": {shown}{more} (`--format json` lists each)"))
    return lines


def render(result: ScanResult, color: bool = False, **_: object) -> str:
    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    out: list[str] = []
    answered = {i["id"] for i in result.checklist["items"] if i["status"] == "answered"} if result.checklist else set()
    for f in result.findings:
        cell = f" (cell {f.cell}, line {f.cell_line})" if f.cell is not None else ""
        source = " [llm]" if f.source == "llm" else ""
        if f.fingerprint in answered:
            source += " [answered]"
        out.append(f"{style(location(f), bold=True)} {style(f.rule, fg=_COLOURS[f.severity], bold=True)}"
                   f" {f.message}{cell}{source}")
    if result.findings:
        out.append("")
        by_category = Counter(f.category for f in result.findings)
        width = max(len(c) for c in by_category)
        for category, count in sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"  {category:<{width}}  {count}")
    for label, text in diagnostic_lines(result.diagnostics):
        out.append(style(f"{label}: {text}", fg="red" if label == "error" else "blue"))
    for note in result.notes:
        out.append(style(f"note: {note}", fg="blue"))
    if result.checklist is not None:
        out.extend(checklist_lines(result.checklist, style, (result.root / result.checklist["path"]).exists()))
        listed = {i["id"] for i in result.checklist["items"] if i["status"] == "open" and i["required"]}
        unlisted = [f for f in result.findings if f.severity >= result.config.fail_on
                    and f.fingerprint not in answered and f.fingerprint not in listed]
        if unlisted:
            # With `--require none` (the pre-commit hook) a failing finding's question is not
            # listed above, yet answering it is one way to pass: say so.
            path = result.checklist["path"]
            out.append(f"Fix the finding{'s' if len(unlisted) > 1 else ''} at or above {result.config.fail_on}, "
                       f"or answer {'their questions' if len(unlisted) > 1 else 'its question'} in {path} "
                       f"(`hygiene answer`; under pre-commit, also `git add {path}`).")
    n = len(result.findings)
    files = int(result.stats.get("files", 0))
    # "8 findings in 6 files" read as "spread over 6 files": say what was checked instead.
    counted = [f"{files} file{'s' if files != 1 else ''} checked"]
    if result.suppressed:
        counted.append(f"{len(result.suppressed)} suppressed")
    baselined = int(result.stats.get("baselined", 0))
    if baselined:
        counted.append(f"{baselined} in the baseline")
    summary = f"{n} finding{'s' if n != 1 else ''} ({', '.join(counted)})"
    folders = sum(1 for d in result.errors if d.message.startswith("cannot read this folder"))
    errors = len(result.errors) - folders
    if errors:
        summary += f"; {errors} file{'s' if errors != 1 else ''} could not be checked"
    if folders:
        summary += f"; {folders} folder{'s' if folders != 1 else ''} could not be read"
    errors += folders
    out.append(style(summary, bold=True) if n or errors else style(summary, fg="green"))
    return "\n".join(out) + "\n"


MAX_LISTED = 8


def checklist_lines(state: dict, style, exists: bool = True) -> list[str]:
    """Where the questions are, how many are open, and the first few of them."""
    path = state["path"]
    required, done = state["required"], state["required_answered"]
    head = f"checklist: {path}: {done} of {required} required question{'s' if required != 1 else ''} answered"
    if state["open"]:
        head += f", {state['open']} open"
    if not exists:  # read mode (the pre-commit hook) before anyone wrote it: no "0 of 0 answered"
        asked = state["open"]
        need = f"{required} of them required" if required else "none required by this check"
        head = (f"checklist: {path} does not exist yet: {asked} question{'s' if asked != 1 else ''} for it, {need}; "
                "`hygiene check .` writes it")
    out = [""]
    blocking = [i for i in state["items"] if i["status"] == "open" and i["required"]]
    out.append(style(head, fg="yellow" if blocking else "green", bold=True))
    for item in blocking[:MAX_LISTED]:
        where = item["path"] + (f":{item['line']}" if item.get("line") else "") if item.get("path") else ""
        where = "" if item["kind"] == "data" else where  # the title names the file
        label = item["rule"] or {"data": "data", "repo": "study"}.get(item["kind"], item["kind"])
        reason = f" [{item['why_not_counted']}]" if item["answer"] else ""
        # A finding's question says what to answer; data and study items are named by their title.
        text = item["question"] if item["kind"] == "finding" else item["title"].replace("`", "")
        text = text if len(text) <= 90 else text[:89] + "…"
        out.append(f"  {label:<9} {where}  {text}{reason}")
    if len(blocking) > MAX_LISTED:
        out.append(f"  … and {len(blocking) - MAX_LISTED} more")
    if blocking:
        out.append(f"Answer them in {path} (under \"Your answer\"), or run `hygiene answer`.")
    for note in state.get("notes", []):
        out.append(style(f"note: {note}", fg="blue"))
    return out
