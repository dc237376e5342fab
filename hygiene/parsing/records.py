"""What reading a data file yields: rows, JSON leaves with their lines, and the problems met;
the text decoding (encoding sniffing, counted replacements) and the flattening of nested objects
that every format's reader shares. The readers are in `hygiene.parsing.tables` (CSV, TSV,
parquet, the entry points) and `hygiene.parsing.json_rows` (JSON and JSON lines).
"""
from __future__ import annotations

import codecs
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024  # a larger .json document is streamed or left unread
MAX_LINE_BYTES = 16 * 1024 * 1024      # a longer JSONL line is skipped
MAX_LEAVES = 4000                      # scalar leaves kept from one JSON document
MAX_DEPTH = 6                          # nested objects flattened down to this depth
MAX_LIST_ITEMS = 8                     # elements of a list of objects flattened per row
CHUNK = 1 << 20


@dataclass
class Row:
    line: int | None  # 1-based line of the file where the row starts (None in parquet)
    values: dict[str, Any]


@dataclass
class Leaf:
    path: str   # "models.sft.mean_rating", "[2].accuracy"
    value: Any  # a scalar: number, string, bool or None
    line: int


@dataclass
class Document:
    value: Any
    leaves: list[Leaf]
    truncated_leaves: bool = False


@dataclass
class Problems:
    """What went wrong reading one file. `fatal`: nothing could be read at all."""

    fatal: str | None = None
    notes: list[str] = field(default_factory=list)
    bad_rows: int = 0
    first_bad: str = ""
    ragged_rows: int = 0
    first_ragged: str = ""
    encoding: str = "utf-8"

    def note(self, text: str) -> None:
        if text not in self.notes and len(self.notes) < 8:
            self.notes.append(text)

    def bad_row(self, description: str) -> None:
        self.bad_rows += 1
        if not self.first_bad:
            self.first_bad = description

    def ragged_row(self, description: str) -> None:
        self.ragged_rows += 1
        if not self.first_ragged:
            self.first_ragged = description

    def summary(self) -> str | None:
        """One sentence for the file's diagnostic, or None when reading went well."""
        parts = ([self.fatal] if self.fatal else []) + list(self.notes)
        if self.bad_rows:
            parts.append(f"{self.bad_rows:,} row{'s' if self.bad_rows != 1 else ''} skipped "
                         f"(first: {self.first_bad})")
        if self.ragged_rows:
            parts.append(f"{self.ragged_rows:,} row{'s' if self.ragged_rows != 1 else ''} with a different "
                         f"number of fields than the header, read as far as they go (first: {self.first_ragged})")
        return "; ".join(parts) if parts else None


# -- text and encodings ---------------------------------------------------------------------------
_replaced = [0]


def _count_replacement(exc: UnicodeError) -> tuple[str, int]:
    _replaced[0] += 1
    return "\ufffd", exc.end  # type: ignore[attr-defined]


codecs.register_error("hygiene-count", _count_replacement)


def _sniff(head: bytes, problems: Problems) -> str | None:
    """The encoding to read with, or None (with a fatal problem) for binary content."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.note("UTF-16 text (read as UTF-16)")
        return "utf-16"
    if b"\x00" in head:
        problems.fatal = "binary content (NUL bytes), not text"
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut by the end of the sniffed block
            problems.note(f"not UTF-8 (byte {exc.start}); read as latin-1")
            return "latin-1"
    return "utf-8"


def open_text(path: Path, problems: Problems) -> io.TextIOWrapper | None:
    """The file as text in its encoding, or None when it is binary (problems says why)."""
    raw: BinaryIO = open(path, "rb")
    head = raw.read(64 * 1024)
    raw.seek(0)
    encoding = _sniff(head, problems)
    if encoding is None:
        raw.close()
        return None
    problems.encoding = encoding
    _replaced[0] = 0
    return io.TextIOWrapper(raw, encoding=encoding, errors="hygiene-count", newline="")


def _after_text(problems: Problems) -> None:
    if _replaced[0]:
        problems.note(f"{_replaced[0]:,} undecodable byte sequence{'s' if _replaced[0] != 1 else ''} "
                      f"replaced (not {problems.encoding} throughout)")


# -- flattening -------------------------------------------------------------------------------
def flatten(value: Any, prefix: str = "", out: dict[str, Any] | None = None, depth: int = 0) -> dict[str, Any]:
    """Nested objects as dotted keys; a list of objects as `key[]` keys whose value is the list
    of the elements' values (first MAX_LIST_ITEMS); a list of scalars stays a list."""
    if out is None and not prefix and type(value) is dict and not any(
            type(v) is dict or type(v) is list for v in value.values()):
        return value  # already flat: the common case of a transcript row
    out = {} if out is None else out
    if isinstance(value, dict) and depth < MAX_DEPTH:
        if not value and prefix:
            out[prefix] = {}
        for key, sub in value.items():
            flatten(sub, f"{prefix}.{key}" if prefix else str(key), out, depth + 1)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value[:MAX_LIST_ITEMS]) \
            and depth < MAX_DEPTH:
        for item in value[:MAX_LIST_ITEMS]:
            for key, sub in flatten(item, "", None, depth + 1).items():
                out.setdefault(f"{prefix}[].{key}", []).append(sub)
    else:
        out[prefix or "value"] = value
    return out
