"""HYGIENE.md written: the head, the sections, each item with its samples, and the markers that
let `document.parse` read it back (the format is described in `hygiene.checklist.document`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import jinja2

from hygiene.checklist.document import EDITED_NOTE, FORMAT_VERSION, MARKER, SECTIONS, Parsed, region_hash
from hygiene.checklist.items import Item, Sample
from hygiene.config import ChecklistConfig


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _cell(value: Any, limit: int) -> str:
    text = shorten(value, limit).replace("\n", " ").replace("|", "\\|").replace("<", "&lt;")
    return text or " "


def shorten(value: Any, limit: int) -> str:
    if value is None:
        return "null"
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + f"… ({len(text) - limit:,} more characters)"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("hygiene.checklist", "templates"), autoescape=False,
        keep_trailing_newline=False, trim_blocks=False, lstrip_blocks=False, undefined=jinja2.StrictUndefined,
    )
    env.globals.update(fence_for=_fence)
    return env


class Renderer:
    """The generated regions, from the jinja2 macros of templates/checklist.md.j2."""

    def __init__(self, config: ChecklistConfig) -> None:
        self.config = config
        env = _environment()
        template = env.get_template("checklist.md.j2")
        self.module = template.make_module({
            "answer_status": self.answer_status, "table_fits": self.table_fits,
            "sample_table": self.sample_table, "row_heading": self.row_heading, "row_text": self.row_text,
        })

    def answer_status(self, item: Item, config: ChecklistConfig) -> str:
        need = "required" if item.required else "optional"
        if item.resolved:
            return "kept"
        if item.answered:
            return f"{need}; counts"
        if item.answer.strip():
            return f"{need}; not counted yet: {item.verdict}"
        return f"{need}; at least {config.min_words} words of your own"

    # Data samples ------------------------------------------------------------------------------
    def table_fits(self, sample: Sample) -> bool:
        if sample.transcript_fields or not sample.columns or len(sample.columns) > 8:
            return False
        return all(len(str(v)) <= 60 and "\n" not in str(v) for _, values in sample.rows for v in values.values())

    def sample_table(self, sample: Sample) -> str:
        columns = list(sample.columns)
        out = ["| line | " + " | ".join(_cell(c, 40) for c in columns) + " |",
               "|---:|" + "---|" * len(columns)]
        for line, values in sample.rows:
            cells = [_cell(values.get(c, ""), self.config.max_field_chars) for c in columns]
            out.append(f"| {line if line is not None else ''} | " + " | ".join(cells) + " |")
        return "\n".join(out)

    def row_heading(self, sample: Sample, line: int | None) -> str:
        return f"Row at line {line} of `{sample.path}`:" if line is not None else f"A row of `{sample.path}`:"

    def row_text(self, sample: Sample, values: dict[str, Any]) -> str:
        out = []
        for key, value in values.items():
            if key in sample.transcript_fields:
                # Model outputs are shown whole: the point is to read them.
                text = value if isinstance(value, str) else str(value)
                if "\n" in text:
                    out.append(f"{key}: |")
                    out.extend("  " + line for line in text.split("\n"))
                else:
                    out.append(f"{key}: {text}")
            else:
                out.append(f"{key}: {shorten(value, self.config.max_field_chars)}")
        return "\n".join(out)

    # Regions ------------------------------------------------------------------------------------
    def head(self, summary: dict[str, int]) -> str:
        return str(self.module.head(summary, self.config)).strip("\n")

    def section(self, name: str, count: int) -> str:
        return str(self.module.section(name, count)).strip("\n")

    def item(self, item: Item) -> str:
        if item.verbatim:
            status = f"**Your answer** ({self.answer_status(item, self.config)}):"
            return "\n".join(status if line.startswith("**Your answer**") else line for line in item.verbatim)
        text = str(self.module.item(item, self.config)).strip("\n")
        return re.sub(r"\n{3,}", "\n\n", text)


def _marker(tag: str, ident: str = "", **attrs: str) -> str:
    parts = [f"hygiene:{tag}"]
    if ident:
        parts.append(quote(ident, safe=""))
    parts.extend(f"{k}={quote(v, safe='/.:,_-')}" for k, v in attrs.items() if v)
    return "<!-- " + " ".join(parts) + " -->"


def summary_of(items: list[Item]) -> dict[str, int]:
    live = [i for i in items if not i.resolved]
    return {
        "required": sum(1 for i in live if i.required),
        "required_answered": sum(1 for i in live if i.required and i.answered),
        "open": sum(1 for i in live if not i.answered),
        "answered": sum(1 for i in live if i.answered),
        "resolved": sum(1 for i in items if i.resolved),
    }


def render(items: list[Item], parsed: Parsed, config: ChecklistConfig) -> str:
    """The whole file: generated regions around every answer and note a person wrote."""
    renderer = Renderer(config)
    out: list[str] = []
    for note in parsed.top:
        out += [note, ""]
    head = renderer.head(summary_of(items)).split("\n")
    out += [_marker("head", v=FORMAT_VERSION, h=region_hash(head)), *head, _marker("/head"), ""]
    for note in _kept_lines(parsed.edited.get("head"), head) + parsed.head:
        out += [note, ""]
    by_section: dict[str, list[Item]] = {name: [] for name in SECTIONS}
    for item in items:
        by_section[item.status].append(item)
    orphans: list[str] = []
    for name in SECTIONS:
        members = sorted(by_section[name], key=lambda i: (not i.required, *i.sort_key()))
        notes = parsed.sections.get(name, [])
        heading = renderer.section(name, len(members)).split("\n")
        notes = _kept_lines(parsed.edited.get(f"section:{name}"), heading) + notes
        if not members:
            orphans.extend(notes)
            continue
        out += [_marker("section", name, h=region_hash(heading)), *heading, _marker("/section"), ""]
        for note in notes:
            out += [note, ""]
        for item in members:
            out += _item_lines(renderer, item)
    if orphans:
        # Notes under a section that has no items this time: kept, under the head.
        at = out.index(_marker("/head")) + 2
        out[at:at] = [line for note in orphans for line in (note, "")]
    return "\n".join(out).rstrip("\n") + "\n"


def _kept_lines(found: list[str] | None, fresh: list[str]) -> list[str]:
    """The lines of an edited generated region that the new rendering does not have, as one note."""
    if not found:
        return []
    new = {line.strip() for line in fresh}
    kept = [line for line in found if line.strip() and line.strip() not in new and not MARKER.match(line)]
    return [EDITED_NOTE + "\n\n" + "\n".join(kept)] if kept else []


def _item_lines(renderer: Renderer, item: Item) -> list[str]:
    body = renderer.item(item).split("\n")
    attrs = {
        "kind": item.kind, "severity": str(item.severity), "rule": item.rule, "path": item.path,
        "keys": ",".join(item.fallback), "source": item.source if item.source != "static" else "",
    }
    out = [_marker("item", item.id, **attrs, h=region_hash(body)), *body,
           _marker("answer", item.id), *([item.answer] if item.answer.strip() else []), _marker("/answer"), ""]
    out += [line for note in _kept_lines(item.edited_text.split("\n") if item.edited_text else None, body)
            for line in (note, "")]
    for note in item.notes:
        out += [note, ""]
    return out
