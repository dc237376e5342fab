"""HYGIENE.md: reading it back, and carrying answers over to a new scan (writing it: `rendering`).

The file is markdown with HTML comments (invisible on GitHub) that mark which parts hygiene
generates and which a person wrote:

    <!-- hygiene:head h=... -->            generated, up to <!-- hygiene:/head -->
    <!-- hygiene:section open h=... -->    generated, up to <!-- hygiene:/section -->
    <!-- hygiene:item ID kind=... h=... --> generated, up to the item's answer marker
    <!-- hygiene:answer ID -->             the person's answer, up to <!-- hygiene:/answer -->

Everything else is the person's: text after an answer block belongs to that item and moves with
it; text after the head or a section heading stays there; text above the head stays on top.
Nothing a person wrote is dropped: a generated part whose hash (`h=`) no longer matches was
edited, and the lines that differ from the new rendering are kept as a note of the item; a
broken or missing marker turns generated text into kept text rather than losing any.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from collections.abc import Callable
from urllib.parse import unquote

from hygiene.checklist.items import Item
from hygiene.finding import Severity

FORMAT_VERSION = "1"
MARKER = re.compile(r"^\s*<!--\s*hygiene:(?P<tag>/?[a-z]+)(?P<rest>[^>]*?)\s*-->\s*$")
_ATTR = re.compile(r"(\w+)=(\S*)")
SECTIONS = ("open", "answered", "resolved")
EDITED_NOTE = "*Kept by hygiene: text written into a generated part of this file.*"


# -- reading ------------------------------------------------------------------------------------
@dataclass
class ParsedItem:
    id: str
    attrs: dict[str, str]
    generated: list[str]  # the lines of its generated part, as found
    edited: bool
    answer: str | None = None  # None: the file has no answer block for it
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return next((line[4:].strip() for line in self.generated if line.startswith("### ")), self.id)

    @property
    def question(self) -> str:
        for index, line in enumerate(self.generated):
            if line.startswith("**Question:**"):
                rest = [line[len("**Question:**"):].strip()]
                for more in self.generated[index + 1:]:
                    if not more.strip():
                        break
                    rest.append(more.strip())
                return " ".join(rest).strip()
        return ""

    @property
    def human_text(self) -> bool:
        return bool((self.answer or "").strip() or any(n.strip() for n in self.notes) or self.edited)


@dataclass
class Parsed:
    top: list[str] = field(default_factory=list)  # notes above the head
    head: list[str] = field(default_factory=list)  # notes after the head
    sections: dict[str, list[str]] = field(default_factory=dict)
    items: list[ParsedItem] = field(default_factory=list)
    # Generated regions a person edited ("head", "section:open"): their lines as found.
    edited: dict[str, list[str]] = field(default_factory=dict)
    found: bool = False  # the text had hygiene markers at all


def region_hash(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _attrs(rest: str) -> tuple[str, dict[str, str]]:
    rest = rest.strip()
    first, _, tail = rest.partition(" ")
    positional = "" if "=" in first else first
    attrs = {k: unquote(v) for k, v in _ATTR.findall(rest if not positional else tail)}
    return unquote(positional), attrs


def _block(lines: list[str]) -> str | None:
    text = "\n".join(lines).strip("\n")
    return text if text.strip() else None


def parse(text: str) -> Parsed:
    """What the file says: items with their answers and notes, and every other text a person wrote."""
    parsed = Parsed()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # mode: "user" (text belongs to `anchor`), "generated" (of `region`), "answer"
    mode, anchor = "user", "top"
    region: list[str] = []
    region_open: tuple[str, str, dict[str, str]] | None = None  # (tag, id, attrs)
    answer: list[str] = []
    user: list[str] = []
    current: ParsedItem | None = None

    def flush_user() -> None:
        block = _block(user)
        user.clear()
        if block is None:
            return
        if anchor == "top":
            parsed.top.append(block)
        elif anchor == "head":
            parsed.head.append(block)
        elif anchor.startswith("section:"):
            parsed.sections.setdefault(anchor[8:], []).append(block)
        elif current is not None:
            current.notes.append(block)

    def close_region() -> None:
        """The generated part ended (at its closing marker or, when that is missing, at the next marker)."""
        nonlocal region_open, current, anchor
        if region_open is None:
            return
        tag, ident, attrs = region_open
        edited = attrs.get("h") != region_hash(region)
        if tag == "item":
            current = ParsedItem(ident, attrs, list(region), edited)
            parsed.items.append(current)
            anchor = f"item:{ident}"
        else:
            anchor = "head" if tag == "head" else f"section:{ident}"
            if edited and _block(region):  # a person wrote inside the head or a heading
                parsed.edited[anchor] = list(region)
        region.clear()
        region_open = None

    def close_answer() -> None:
        if current is not None:
            current.answer = "\n".join(answer).strip("\n")
        answer.clear()

    for line in lines:
        match = MARKER.match(line)
        tag = match.group("tag") if match else None
        if tag in ("head", "section", "item"):
            parsed.found = True
            if mode == "generated":
                close_region()
            elif mode == "answer":
                close_answer()
            flush_user()
            ident, attrs = _attrs(match.group("rest"))
            region_open = (tag, ident, attrs)
            mode = "generated"
            continue
        if tag == "answer" and mode in ("generated", "user"):
            if mode == "generated" and region_open and region_open[0] == "item":
                close_region()
                mode = "answer"
                continue
            if mode == "user" and current is not None and current.answer is None and not user:
                mode = "answer"  # an answer block right after its item's part
                continue
        if tag in ("/head", "/section") and mode == "generated" and region_open and region_open[0] == tag[1:]:
            close_region()
            mode = "user"
            continue
        if tag == "/answer" and mode == "answer":
            close_answer()
            mode = "user"
            continue
        if mode == "generated":
            region.append(line)
        elif mode == "answer":
            answer.append(line)
        else:
            user.append(line)
    if mode == "generated":
        close_region()
    elif mode == "answer":
        close_answer()
    flush_user()
    return parsed


# -- carrying answers over ------------------------------------------------------------------------
def merge(items: list[Item], parsed: Parsed, unchecked: Callable[[ParsedItem], bool] = lambda old: False
          ) -> list[Item]:
    """`items` from this scan with the answers and notes of the matching items in the file, plus
    a resolved item for each item of the file that matches nothing and that a person wrote in.

    `unchecked(old)`: this scan could not have found that item (an LLM finding when the reviewer
    did not run); it stays as it is instead of being resolved.
    """
    pending = list(parsed.items)
    pairs: dict[int, ParsedItem] = {}
    # Several items of the file with one id (an item copied by hand): the first one is the item,
    # the others' answers and notes join its notes, so no text is lost.
    first: dict[str, ParsedItem] = {}
    for old in list(pending):
        if old.id in first:
            keep = first[old.id]
            if (old.answer or "").strip():
                keep.notes.append(old.answer or "")
            keep.notes.extend(old.notes)
            pending.remove(old)
        else:
            first[old.id] = old
    by_id = {old.id: old for old in pending}
    for index, item in enumerate(items):
        old = by_id.pop(item.id, None)
        if old is not None:
            pairs[index] = old
            pending.remove(old)
    levels = max((len(i.fallback) for i in items), default=0)
    for level in range(levels):
        waiting: dict[str, list[ParsedItem]] = {}
        for old in pending:
            keys = old.attrs.get("keys", "").split(",")
            if len(keys) > level and keys[level]:
                waiting.setdefault(keys[level], []).append(old)
        for index, item in enumerate(items):
            if index in pairs or len(item.fallback) <= level:
                continue
            candidates = waiting.get(item.fallback[level])
            if candidates:
                old = candidates.pop(0)
                pairs[index] = old
                pending.remove(old)
    merged: list[Item] = []
    for index, item in enumerate(items):
        old = pairs.get(index)
        if old is not None:
            item.answer = old.answer or ""
            item.notes = list(old.notes)
            item.attrs = dict(old.attrs)
            item.edited_text = "\n".join(old.generated) if old.edited else ""
        merged.append(item)
    for old in pending:
        if unchecked(old):
            merged.append(item_from_file(old, resolved=False))
        elif old.human_text:
            merged.append(item_from_file(old, resolved=True))
        # else: nothing a person wrote; a question nobody answered simply goes away
    return merged


def item_from_file(old: ParsedItem, resolved: bool) -> Item:
    """An item as the file has it: resolved, or kept as it is when this scan could not re-check it."""
    attrs = old.attrs
    try:
        severity = Severity.parse(attrs.get("severity", "warning"))
    except ValueError:
        severity = Severity.WARNING
    return Item(
        id=old.id, kind=attrs.get("kind", "finding"), title=old.title, question=old.question,
        severity=severity, fallback=tuple(k for k in attrs.get("keys", "").split(",") if k),
        rule=attrs.get("rule", ""), path=attrs.get("path", ""), source=attrs.get("source", "static"),
        answer=old.answer or "", notes=list(old.notes), resolved=resolved, attrs=dict(attrs),
        verbatim=[] if resolved or old.edited else list(old.generated),
        edited_text="\n".join(old.generated) if old.edited else "",
    )
