"""SARIF 2.1.0 for GitHub code scanning.

`partialFingerprints` come from the finding's fingerprint (rule, file name, enclosing scope and
matched code), not its line, so an alert a user dismissed stays dismissed when code above it moves.
https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from hygiene import __version__
from hygiene.finding import Finding, Severity
from hygiene.report.notebook_lines import NotebookLines

if TYPE_CHECKING:
    from hygiene.rule import Rule
    from hygiene.runner import ScanResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/hygiene-dev/hygiene"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SECURITY = {Severity.ERROR: "7.0", Severity.WARNING: "4.0", Severity.INFO: "1.0"}


def _rule(rule: type[Rule]) -> dict[str, Any]:
    doc = rule.documentation()
    return {
        "id": rule.code,
        "name": "".join(part.title() for part in rule.slug().split("_")),
        "shortDescription": {"text": rule.summary() or rule.code},
        "fullDescription": {"text": rule.summary() or rule.code},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [rule.category, rule.category.split("-", 1)[0], "research-hygiene"],
                       "precision": "high"},
    }


_LLM_TEXT = ("A silent bug the LLM reviewer found (source: llm): its quoted code was checked to be at the stated "
             "lines of the code sent, and a second model verified it. A model's reading, not a rule's proof.")
_LLM_RULE: dict[str, Any] = {
    "id": "LLM", "name": "LlmReviewer",
    "shortDescription": {"text": "LLM reviewer finding (source: llm)"}, "fullDescription": {"text": _LLM_TEXT},
    "help": {"text": _LLM_TEXT, "markdown": _LLM_TEXT}, "defaultConfiguration": {"level": "warning"},
    "properties": {"tags": ["llm", "research-hygiene"], "precision": "medium"},
}


def _region(f: Finding) -> dict[str, int]:
    region = {"startLine": f.line or 1}
    if f.column:
        region["startColumn"] = f.column
    if f.end_line:
        region["endLine"] = f.end_line
        if f.end_column:
            region["endColumn"] = f.end_column
    return region


def _location(path: str, region: dict[str, int] | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"}}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def as_data(result: ScanResult) -> dict[str, Any]:
    known = {r.code: r for r in result.rules}
    used = sorted({f.rule for f in result.findings} | set(known))
    rules = [_rule(known[code]) if code in known else _LLM_RULE if code == "LLM" else {"id": code} for code in used]
    index = {code: i for i, code in enumerate(used)}
    results = []
    notebooks = NotebookLines(result.root)
    for f in result.findings:
        message = f.message
        region = _region(f)
        if f.cell is not None:
            message += f" (cell {f.cell}, line {f.cell_line})"
            raw = notebooks.line(f.path, f.cell, f.cell_line)
            # Viewers show the raw .ipynb: point at the JSON line holding the cell's line.
            region = {"startLine": raw} if raw else region
        item: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVEL[f.severity],
            "message": {"text": message},
            "locations": [_location(f.path, region)],
            "partialFingerprints": {"hygieneFingerprint/v1": f.fingerprint},
            "properties": {"category": f.category, "source": f.source,
                           **({"cell": f.cell, "cellLine": f.cell_line, "joinedLine": f.line}
                              if f.cell is not None else {})},
        }
        if f.related:
            item["relatedLocations"] = [
                {"id": i, **_location(r.path, {"startLine": r.line} if r.line else None),
                 "message": {"text": r.note or str(r)}}
                for i, r in enumerate(f.related)
            ]
        results.append(item)
    notifications = [
        {"level": "error" if d.kind == "error" else "note", "message": {"text": d.message},
         "locations": [_location(d.path)]}
        for d in result.diagnostics
    ]
    # One-line remarks about the whole run (the LLM review skipped, stopped, incomplete, and why).
    notifications.extend({"level": "note", "message": {"text": note}} for note in result.notes)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "hygiene", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFO_URI, "rules": rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": result.root.as_uri() + "/"}},
            "invocations": [{"executionSuccessful": not result.errors,
                             "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    }


def render(result: ScanResult, **_: object) -> str:
    return json.dumps(as_data(result), indent=2) + "\n"
