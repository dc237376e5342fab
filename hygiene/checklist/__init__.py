"""The confusion checklist: questions a person answers by hand before results are posted.

    checklist = build(scan_result)        # items from findings, data files and what the repo does,
                                          # with the answers already in HYGIENE.md carried over
    checklist.write()                     # atomic; keeps every answer and note
    checklist.blocking()                  # required items without a real answer

Modules: `items` (the item model, code excerpts), `samples` (rows of the data files the code
touches), `questions` (repo-level questions from REFORMS and the leakage taxonomy), `document`
(HYGIENE.md: render, parse, merge), `answers` (what counts as an answer), `authors` (who wrote
it, for `--verify-authors`), `interactive` (`hygiene answer`).
"""
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hygiene.cache import write_atomic
from hygiene.checklist import document, rendering
from hygiene.checklist.answers import judge_item
from hygiene.checklist.items import Item, from_finding
from hygiene.config import ChecklistConfig
from hygiene.finding import Finding, Severity, number_duplicates

if TYPE_CHECKING:
    from hygiene.runner import ScanResult


class ChecklistError(Exception):
    """The checklist file cannot be read or written; the message names it and says why."""


@dataclass
class Checklist:
    path: Path
    relpath: str
    config: ChecklistConfig
    items: list[Item]
    parsed: document.Parsed
    existed: bool
    require: Severity | None
    written: bool = False
    notes: list[str] = field(default_factory=list)
    # The items as the scan made them, before answers were merged in: `set_answer` merges them
    # again with the file as it is then, so edits made meanwhile in an editor are kept too.
    fresh: list[Item] = field(default_factory=list)
    unchecked: Callable[[document.ParsedItem], bool] = lambda old: False

    def set_answer(self, item_id: str, answer: str) -> Item | None:
        """Write `answer` for the item into the file now (re-read first); the item, or None if gone."""
        parsed, existed = read_existing(self.path, self.relpath)
        items = document.merge(copy.deepcopy(self.fresh), parsed, self.unchecked)
        target = next((i for i in items if i.id == item_id), None)
        if target is None:
            return None
        target.answer = answer.strip("\n")
        self.items, self.parsed, self.existed = items, parsed, existed
        self.judge()
        self.write()
        return target

    # -- state ----------------------------------------------------------------------------------
    def judge(self) -> None:
        """Decide, for every item, whether it is required and whether its answer counts."""
        for item in self.items:
            item.required = (not item.resolved and self.require is not None and item.severity >= self.require)
            item.verdict = judge_item(item, self.config.min_words) if not item.resolved else ""

    def verify_authors(self, root: Path) -> None:
        """Answers count only when people committed every line of them (the file as on disk)."""
        from hygiene.checklist.authors import verdicts

        answered = {i.id for i in self.live() if i.answered}
        if not answered:
            return
        text = self.path.read_text(encoding="utf-8") if self.existed else ""
        found = verdicts(root, self.relpath, text, answered)
        for item in self.live():
            if found.get(item.id):
                item.verdict = found[item.id]

    def live(self) -> list[Item]:
        return [i for i in self.items if not i.resolved]

    def blocking(self) -> list[Item]:
        """Required items without a real answer: `hygiene check` fails while there are any."""
        return [i for i in self.live() if i.required and not i.answered]

    def answered_ids(self) -> set[str]:
        return {i.id for i in self.live() if i.answered}

    def summary(self) -> dict[str, int]:
        return rendering.summary_of(self.items)

    # -- output -----------------------------------------------------------------------------------
    def text(self) -> str:
        return rendering.render(self.items, self.parsed, self.config)

    def write(self) -> bool:
        """Write the file if its content changes; True when it was written."""
        text = self.text()
        try:
            current = self.path.read_text(encoding="utf-8") if self.path.exists() else None
        except (OSError, UnicodeDecodeError):
            current = None
        if current == text:
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, text)
        except OSError as exc:
            raise ChecklistError(f"{self.relpath}: cannot write the checklist: {exc.strerror or exc}") from None
        self.written = True
        return True

    def to_dict(self) -> dict[str, Any]:
        summary = self.summary()
        blocking = self.blocking()
        return {
            "path": self.relpath, "written": self.written,
            "require": str(self.require) if self.require is not None else "none",
            "min_words": self.config.min_words,
            "passed": not blocking, "blocking": len(blocking), **summary,
            "items": [i.to_dict() for i in sorted(self.items, key=lambda i: (i.resolved, *i.sort_key()))],
            "notes": list(self.notes),
        }

    def json(self) -> str:
        return json.dumps(self.to_dict(), indent=2) + "\n"


def read_existing(path: Path, relpath: str) -> tuple[document.Parsed, bool]:
    if not path.exists():
        return document.Parsed(), False
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ChecklistError(f"{relpath}: cannot read the checklist: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Rewriting a file we cannot decode could lose what someone wrote: stop instead.
        raise ChecklistError(f"{relpath}: not UTF-8 (byte {exc.start}); fix the file or move it away, "
                             "hygiene will not overwrite it") from None
    parsed = document.parse(text)
    if not parsed.found and text.strip():
        # A file by that name that hygiene did not write: everything in it is kept, on top.
        parsed.top = [text.strip("\n")]
    return parsed, True


def build(result: ScanResult, *, require: Severity | None | str = "config", llm_ran: bool = False,
          verify_authors: bool = False) -> Checklist:
    """The checklist for a scan, merged with the answers already in the checklist file.

    `llm_ran`: the LLM reviewer ran in this scan, so LLM items it did not report again are
    resolved; otherwise they are kept as they are. `verify_authors`: an answer counts only when
    people committed all of it (`authors`).
    """
    from hygiene.checklist.questions import repo_items
    from hygiene.checklist.samples import data_items

    config = result.config.checklist
    relpath = config.path
    path = result.root / relpath
    parsed, existed = read_existing(path, relpath)
    # LLM findings join after the runner numbered duplicates: number them all again, in order.
    findings = number_duplicates(sorted(result.findings, key=Finding.sort_key))
    items = [from_finding(f, result.root) for f in findings]
    items += [from_finding(f, result.root) for f in getattr(result, "questions", [])]
    items += data_items(result, config.data_samples, config.max_field_chars)
    items += repo_items(result)
    def unchecked(old: document.ParsedItem) -> bool:
        return old.attrs.get("source") == "llm" and not llm_ran

    fresh = copy.deepcopy(items)
    merged = document.merge(items, parsed, unchecked)
    checklist = Checklist(path, relpath, config, merged, parsed, existed,
                          config.require if require == "config" else require,  # type: ignore[arg-type]
                          fresh=fresh, unchecked=unchecked)
    checklist.judge()
    if verify_authors:
        checklist.verify_authors(result.root)
    return checklist
