"""Views over one scan result: text, json, github, sarif. Each is `render(result) -> str`."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene.runner import ScanResult

FORMATS = ("text", "json", "github", "sarif")


def renderer(name: str) -> Callable[..., str]:
    if name == "text":
        from hygiene.report.text import render
    elif name == "json":
        from hygiene.report.json import render
    elif name == "github":
        from hygiene.report.github import render
    elif name == "sarif":
        from hygiene.report.sarif import render
    else:
        raise ValueError(f"unknown format {name!r} (expected one of: {', '.join(FORMATS)})")
    return render


def render(result: "ScanResult", name: str, **options: object) -> str:
    return renderer(name)(result, **options)
