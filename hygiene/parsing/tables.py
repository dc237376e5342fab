"""Data and result files read as rows, with bounded memory and one clear problem per bad file.

Formats: `.json` (one document), `.jsonl` / `.ndjson` (one JSON value a line), `.csv`, `.tsv`,
and `.parquet` when pyarrow is installed (`pip install 'research-hygiene[parquet]'`).

Reading
    iter_rows(path, problems) -> Iterator[Row]
        Rows one at a time: `Row(line, values)`, `values` a dict whose nested objects are
        flattened to dotted keys (`usage.output_tokens`, `choices[].finish_reason`). A JSONL file
        of any size is never loaded whole (one line at a time, a line over `MAX_LINE_BYTES` is
        skipped with a problem). A `.json` document up to `MAX_DOCUMENT_BYTES` is parsed whole;
        a larger one is streamed element by element when it is a top-level array, and otherwise
        left unread with a problem saying so. The rows of a document are its top-level list, or
        the largest list of objects directly under its top-level object; a document that is one
        flat object is one row.
    read_document(path, problems) -> Document | None
        A `.json` document under `MAX_DOCUMENT_BYTES` with every scalar leaf and the line it is
        on (`Leaf(path="models.sft.mean_rating", value=6.41, line=5)`), for rules about result
        summaries (metrics, provenance keys, claims).
    Problems: `Problems` collects what went wrong while reading (encoding fallback, ragged CSV
    rows, invalid JSON lines, a truncated document, binary content). `problems.fatal` is set when
    nothing could be read; `problems.summary()` is the one diagnostic for the file.

Profiling (hygiene.parsing.profile)
    profile(path) -> dict, JSON-able, computed once per data file in the file phase and cached
    as the fact `table` (see runner): rows, columns with per-column statistics (numbers, NaN,
    inf, empty values, most common values), a deterministic sample of rows (chosen by a hash of
    their content, so it is stable until the file changes), numeric leaves of a JSON document,
    and the file's problems. Rules and the checklist read that fact instead of the file.
"""

import csv
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hygiene.parsing.json_rows import _json_rows, _jsonl_rows, read_document
from hygiene.parsing.records import (MAX_DOCUMENT_BYTES, MAX_LINE_BYTES, Document, Leaf, Problems, Row,
                                     _after_text, flatten, open_text)
from hygiene.parsing.special import PARQUET_NEEDS_PYARROW

__all__ = ["Document", "Leaf", "Problems", "Row", "MAX_DOCUMENT_BYTES", "format_of", "sniff_format", "cell_value",
           "iter_rows", "read_document"]

FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
           ".parquet": "parquet"}


def format_of(path: str | Path) -> str | None:
    return FORMATS.get(Path(path).suffix.lower())


def sniff_format(path: str | Path) -> str | None:
    """The format by suffix, except that a `.json` file holding one JSON value per line (JSON
    lines saved under `.json`, common in research repos) is read as JSONL."""
    fmt = format_of(path)
    if fmt != "json":
        return fmt
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return fmt
    lines = [line.strip() for line in head.split(b"\n")[:3]]
    if len(lines) < 2 or not lines[0][:1] in (b"{", b"[") or not lines[1][:1] in (b"{", b"["):
        return fmt
    try:
        json.loads(lines[0])
    except ValueError:
        return fmt  # a pretty-printed document: its first line is not a whole value
    return "jsonl"


# -- CSV ---------------------------------------------------------------------------------------
_NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
_SPECIAL = {"nan": math.nan, "-nan": math.nan, "inf": math.inf, "+inf": math.inf, "-inf": -math.inf,
            "infinity": math.inf, "-infinity": -math.inf}


def cell_value(text: str) -> Any:
    """A CSV cell as a number when it reads as one (NaN and inf included), None when it is
    empty (as pandas reads it), else the text."""
    if not text:
        return None
    if _NUMBER.match(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    special = _SPECIAL.get(text.strip().lower())
    return special if special is not None else text


def _csv_rows(path: Path, problems: Problems, delimiter: str) -> Iterator[Row]:
    text_file = open_text(path, problems)
    if text_file is None:
        return
    csv.field_size_limit(MAX_LINE_BYTES)
    with text_file:
        reader = csv.reader(text_file, delimiter=delimiter)
        pending: tuple[int, list[str]] | None = None
        try:
            header = next(reader, None)
            # Comment lines before the header (`# {"t_start": ..., "env_id": ...}` of Gym's Monitor
            # logs, `# generated by ...`): a `#` line whose width differs from the next line's.
            while header and header[0].lstrip().startswith("#"):
                line = reader.line_num + 1
                following = next(reader, None)
                if following is None or len(following) == len(header):
                    pending = (line, following) if following else None
                    break
                header = following
        except csv.Error as exc:
            problems.fatal = f"cannot read the header row: {exc}"
            return
        if header is None:
            problems.fatal = "empty file"
            return
        header = [h.strip() or f"column{i + 1}" for i, h in enumerate(header)]
        if pending is not None:
            yield Row(pending[0], {name: cell_value(cell) for name, cell in zip(header, pending[1])})
        start = reader.line_num + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                problems.bad_row(f"line {start}: {exc}")
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            if not cells:
                continue
            if len(cells) != len(header):
                problems.ragged_row(f"line {line} has {len(cells)} fields, the header {len(header)}")
                # Still a row: what fits is kept, so counts stay true to the file.
            yield Row(line, {name: cell_value(cell) for name, cell in zip(header, cells)})
    _after_text(problems)


# -- parquet ------------------------------------------------------------------------------------
def _parquet_rows(path: Path, problems: Problems) -> Iterator[Row]:
    try:
        import pyarrow.parquet as pq  # optional extra `parquet`
    except ImportError:
        problems.fatal = PARQUET_NEEDS_PYARROW
        return
    try:
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=4096):
            for values in batch.to_pylist():
                yield Row(None, flatten(values))
    except Exception as exc:  # pyarrow raises its own types for every kind of damage
        problems.fatal = f"cannot read parquet: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"


def _separator(path: Path) -> str:
    """`,` for a `.csv`, unless its header line has no comma and splits by tabs or semicolons (a
    tab-separated `train.csv`, a `;` export): read with commas, each row would be one field."""
    text_file = open_text(path, Problems())
    if text_file is None:
        return ","
    with text_file:
        for line in text_file:
            if line.strip() and not line.lstrip().startswith("#"):
                if "," not in line:
                    for other in ("\t", ";"):
                        if other in line:
                            return other
                break
    return ","


# -- public entry points ------------------------------------------------------------------------
def iter_rows(path: str | Path, problems: Problems | None = None, fmt: str | None = None) -> Iterator[Row]:
    """Rows of a data file, streamed; never raises for bad content (see `problems`)."""
    path = Path(path)
    problems = problems if problems is not None else Problems()
    fmt = fmt or sniff_format(path)
    try:
        if fmt == "json":
            yield from _json_rows(path, problems)
        elif fmt == "jsonl":
            yield from _jsonl_rows(path, problems)
        elif fmt in ("csv", "tsv"):
            yield from _csv_rows(path, problems, "\t" if fmt == "tsv" else _separator(path))
        elif fmt == "parquet":
            yield from _parquet_rows(path, problems)
        else:
            problems.fatal = f"not a data file hygiene reads ({path.suffix or 'no suffix'})"
    except OSError as exc:
        problems.fatal = f"cannot read: {exc.strerror or exc}"
    except UnicodeError as exc:  # a UTF-16 file with an odd byte count, a bad BOM
        problems.fatal = f"cannot decode as {problems.encoding}: {exc}"
