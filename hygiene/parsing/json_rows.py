"""JSON and JSON-lines files read as rows: a document whole or streamed element by element, a
JSONL file one line at a time (see `hygiene.parsing.tables` for the limits and the entry points).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hygiene.parsing.jsonpos import leaves_with_lines
from hygiene.parsing.records import (CHUNK, MAX_DOCUMENT_BYTES, MAX_LEAVES, MAX_LINE_BYTES, MAX_LIST_ITEMS, Document,
                                     Problems, Row, _after_text, flatten, open_text)
from hygiene.parsing.special import JSON_WITH_COMMENTS, parse_json_with_comments


def _json_error(exc: json.JSONDecodeError, length: int) -> str:
    if exc.pos >= length - 1 or "Unterminated" in exc.msg:
        return f"JSON ends before the document is complete (truncated?) at line {exc.lineno}"
    return f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"


def records_key(doc: Any) -> str:
    """Where the records of a document sit: "" for the top level, else the top-level key."""
    return _document_rows(doc)[1]


def _document_rows(doc: Any) -> tuple[list[Any], str]:
    """The records of a document and where they sit ("" for the top level)."""
    if isinstance(doc, list):
        return doc, ""
    if isinstance(doc, dict):
        lists = [(k, v) for k, v in doc.items()
                 if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:MAX_LIST_ITEMS])]
        if lists:
            key, rows = max(lists, key=lambda kv: len(kv[1]))
            return rows, str(key)
        return [doc], ""
    return [doc], ""


def _load_document(path: Path, problems: Problems) -> Any:
    text_file = open_text(path, problems)
    if text_file is None:
        return None
    with text_file:
        text = text_file.read()
    _after_text(problems)
    if not text.strip():
        problems.fatal = "empty file"
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        try:
            parse_json_with_comments(text)
            problems.fatal = JSON_WITH_COMMENTS
        except ValueError:
            problems.fatal = _json_error(exc, len(text))
    except RecursionError:
        problems.fatal = "JSON nested too deeply to read"
    return None


def _stream_array(path: Path, problems: Problems) -> Iterator[Row]:
    """Elements of a top-level JSON array, decoded one by one from a bounded buffer."""
    decoder = json.JSONDecoder()
    text_file = open_text(path, problems)
    if text_file is None:
        return
    with text_file:
        buffer = text_file.read(CHUNK).lstrip()
        if not buffer.startswith("["):
            problems.fatal = (f"JSON document over {MAX_DOCUMENT_BYTES // (1 << 20)} MB that is not a "
                              "top-level array; not read")
            return
        buffer, pos, index, line = buffer[1:], 0, 0, 1
        while True:
            while pos < len(buffer) and buffer[pos] in " \t\r\n,":
                line += buffer[pos] == "\n"
                pos += 1
            if pos < len(buffer) and buffer[pos] == "]":
                return
            try:
                value, end = decoder.raw_decode(buffer, pos)
            except json.JSONDecodeError:
                more = text_file.read(CHUNK)
                if not more:
                    problems.fatal = f"JSON array ends before it is complete (truncated?) after {index:,} elements"
                    return
                if len(buffer) - pos > MAX_LINE_BYTES:
                    problems.fatal = f"element {index:,} of the JSON array is over {MAX_LINE_BYTES >> 20} MB; stopped"
                    return
                buffer, pos = buffer[pos:] + more, 0
                continue
            yield Row(line, flatten(value) if isinstance(value, dict) else {"value": value})
            line += buffer.count("\n", pos, end)
            pos, index = end, index + 1
            if pos > CHUNK:
                buffer, pos = buffer[pos:], 0


def _json_rows(path: Path, problems: Problems) -> Iterator[Row]:
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        yield from _stream_array(path, problems)
        _after_text(problems)
        return
    doc = read_document(path, problems)
    if doc is not None:
        yield from document_rows(doc)


def document_rows(doc: Document) -> Iterator[Row]:
    """The records of a parsed document as rows, each at the line of its first leaf."""
    records, key = _document_rows(doc.value)
    starts: dict[int, int] = {}
    if records is doc.value or key:
        pattern = re.compile(rf"^{re.escape(key)}\[(\d+)\]")
        for leaf in doc.leaves:
            match = pattern.match(leaf.path)
            if match:
                starts.setdefault(int(match.group(1)), leaf.line)
    for index, record in enumerate(records):
        values = flatten(record) if isinstance(record, dict) else {"value": record}
        yield Row(starts.get(index, 1), values)


def _jsonl_rows(path: Path, problems: Problems) -> Iterator[Row]:
    text_file = open_text(path, problems)
    if text_file is None:
        return
    with text_file:
        number = 0
        while True:
            line = text_file.readline(MAX_LINE_BYTES)
            if not line:
                break
            number += 1
            if len(line) >= MAX_LINE_BYTES and not line.endswith("\n"):
                while line and not line.endswith("\n"):
                    line = text_file.readline(MAX_LINE_BYTES)
                problems.bad_row(f"line {number} is over {MAX_LINE_BYTES >> 20} MB")
                continue
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                last = not line.endswith("\n") and text_file.read(1) == ""
                cut = " (truncated?)" if last or exc.pos >= len(line.rstrip()) - 1 else ""
                problems.bad_row(f"line {number} is not valid JSON{cut}: {exc.msg}")
                continue
            except RecursionError:
                problems.bad_row(f"line {number} is nested too deeply")
                continue
            yield Row(number, flatten(value) if isinstance(value, dict) else {"value": value})
    _after_text(problems)
    if number == 0:
        problems.fatal = "empty file"


def read_document(path: str | Path, problems: Problems | None = None) -> Document | None:
    """A `.json` document with its scalar leaves and their lines, or None (see `problems`)."""
    path = Path(path)
    problems = problems if problems is not None else Problems()
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            problems.fatal = f"JSON document over {MAX_DOCUMENT_BYTES >> 20} MB; not read whole"
            return None
        value = _load_document(path, problems)
    except OSError as exc:
        problems.fatal = f"cannot read: {exc.strerror or exc}"
        return None
    if problems.fatal:
        return None
    text_file = open_text(path, Problems())
    assert text_file is not None
    with text_file:
        text = text_file.read()
    leaves, cut = leaves_with_lines(text, value, MAX_LEAVES)
    return Document(value, leaves, cut)
