"""One pass over a data file into a small JSON-able summary that rules and the checklist share.

    profile(path, sample_size=5) -> dict

The engine computes it once per data file in the file phase and caches it as the fact `table`
(`repo.facts("table")` in the repo phase, `self.ctx.data` in `check_file`). Memory is bounded
whatever the file's size: per-column counters stop growing at `MAX_DISTINCT` values, the sample
is a bounded heap, and at most `MAX_COLUMNS` columns are tracked.

The summary:

    {"format": "jsonl", "bytes": 2214, "encoding": "utf-8",
     "rows": 10,                       # records read (a flat JSON object is one row)
     "records_at": "",                 # JSON documents: top-level key holding the records
     "columns": {"stop_reason": {
         "count": 10,                  # values present (elements, for list-valued keys)
         "missing": 0,                 # null, or a CSV cell that is empty
         "numbers": 0, "nan": 0, "inf": 0, "min": None, "max": None, "mean": None,
         "strings": 10, "empty": 0,    # empty: "" or only whitespace
         "bools": 0, "max_length": 10,
         "distinct": 2, "distinct_capped": False,
         "missing_line": 0, "nan_line": 0, "inf_line": 0,   # first line of each (0: none)
         "top": [["end_turn", 6, 1], ["max_tokens", 4, 3]],  # [value, count, first line]
         "values": []}},                 # distinct numbers of a numeric column (capped)
     "columns_capped": False,
     "sample": [{"line": 3, "values": {...}}],    # long strings shortened
     "leaves": [["models.sft.mean_rating", 6.41, 5], ...],  # JSON documents: scalar leaves
     "leaves_capped": False,
     "problem": None, "fatal": False}   # the file's one diagnostic, and whether nothing was read

The sample is chosen by a generator seeded from the file's size and first bytes, so it is the
same on every run until the file changes.
"""
from __future__ import annotations

import hashlib
import heapq
import math
import random
from pathlib import Path
from typing import Any

from hygiene.parsing.special import LFS_POINTER, is_lfs_pointer
from hygiene.parsing.json_rows import document_rows, records_key
from hygiene.parsing.records import MAX_DOCUMENT_BYTES, Problems, Row
from hygiene.parsing.tables import format_of, iter_rows, read_document, sniff_format

MAX_COLUMNS = 200
MAX_DISTINCT = 1000
TOP = 5
MAX_VALUES = 300
SHORT = 200
MAX_LEAVES_KEPT = 2000


def shorten(value: Any, limit: int = SHORT) -> Any:
    """Long strings cut to `limit` characters with their full length noted; lists likewise."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]}… [{len(value):,} chars]"
    if isinstance(value, list):
        return [shorten(v, limit) for v in value[:8]] + ([f"… [{len(value)} items]"] if len(value) > 8 else [])
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # NaN and inf are not JSON
    return value


def _display(value: Any) -> str:
    """How a counted value is shown: short values as themselves, long ones cut with a digest."""
    if isinstance(value, str):
        if len(value) <= SHORT:
            return value
        return f"{value[:SHORT]}… [{len(value):,} chars, {hashlib.sha1(value.encode('utf-8', 'replace')).hexdigest()[:8]}]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{}"
    return repr(value)


class _Column:
    __slots__ = ("count", "missing", "numbers", "nan", "inf", "low", "high", "total", "strings", "empty",
                 "bools", "max_length", "counter", "capped", "bad_lines")

    def __init__(self) -> None:
        self.count = self.missing = self.numbers = self.nan = self.inf = 0
        self.strings = self.empty = self.bools = self.max_length = 0
        self.low: float | None = None
        self.high: float | None = None
        self.total = 0.0
        # counter key -> [count, first line, display]; long strings are keyed by (length, hash)
        # so that the counter never holds more than MAX_DISTINCT short keys.
        self.counter: dict[Any, list[Any]] = {}
        self.capped = False
        self.bad_lines: dict[str, int] = {}  # first line of a missing, NaN or infinite value

    def add(self, value: Any, line: int | None) -> None:
        kind = type(value)
        key: Any = value
        if kind is str:
            self.strings += 1
            length = len(value)
            if length > self.max_length:
                self.max_length = length
            if length > SHORT:
                key = (length, hash(value))
            elif not value.strip():
                self.empty += 1
                self.bad_lines.setdefault("empty_line", line or 0)
        elif kind is int or kind is float:
            if value != value:
                self.nan += 1
                key = "\0nan"
                self.bad_lines.setdefault("nan_line", line or 0)
            elif value in (math.inf, -math.inf):
                self.inf += 1
                self.bad_lines.setdefault("inf_line", line or 0)
            else:
                self.numbers += 1
                self.total += value
                if self.low is None or value < self.low:
                    self.low = value
                if self.high is None or value > self.high:
                    self.high = value
            key = (kind, value) if key is value else key  # 1 and 1.0 and True stay apart
        elif value is None:
            self.missing += 1
            self.bad_lines.setdefault("missing_line", line or 0)
            return
        elif kind is bool:
            self.bools += 1
            key = (bool, value)
        elif kind is list:
            for item in value:
                if type(item) is not list:
                    self.add(item, line)
            return
        else:
            key = "\0{}"
        self.count += 1
        entry = self.counter.get(key)
        if entry is not None:
            entry[0] += 1
        elif len(self.counter) < MAX_DISTINCT:
            self.counter[key] = [1, line or 0, _display(value)]
        else:
            self.capped = True

    def summary(self) -> dict[str, Any]:
        top = sorted(self.counter.values(), key=lambda entry: (-entry[0], entry[1]))[:TOP]
        return {
            "count": self.count, "missing": self.missing, "numbers": self.numbers, "nan": self.nan,
            "inf": self.inf, "min": self.low, "max": self.high,
            "mean": self.total / self.numbers if self.numbers else None,
            "strings": self.strings, "empty": self.empty, "bools": self.bools, "max_length": self.max_length,
            "distinct": len(self.counter), "distinct_capped": self.capped,
            "top": [[shown, count, line] for count, line, shown in top],
            "missing_line": 0, "nan_line": 0, "inf_line": 0, "empty_line": 0, **self.bad_lines,
            # Distinct finite numbers (first MAX_VALUES, 6 significant digits), for rules that look
            # a reported number up, such as claims in a README.
            "values": sorted({float(f"{key[1]:.6g}") for key in self.counter if type(key) is tuple
                              and len(key) == 2 and key[0] in (int, float) and math.isfinite(key[1])})[:MAX_VALUES],
        }


def _seed(path: Path, size: int) -> int:
    with open(path, "rb") as fh:
        head = fh.read(64 * 1024)
    return int(hashlib.sha256(head + str(size).encode()).hexdigest()[:16], 16)


def profile(path: str | Path, sample_size: int = 5) -> dict[str, Any]:
    """The summary above for one data file; never raises for bad content."""
    path = Path(path)
    problems = Problems()
    fmt = sniff_format(path) or ""
    if fmt == "jsonl" and format_of(path) == "json":
        problems.note("JSON lines in a `.json` file: read one value per line")
    try:
        size = path.stat().st_size
    except OSError as exc:
        return _result(fmt, 0, problems, fatal=f"cannot read: {exc.strerror or exc}")
    out: dict[str, Any] = {"format": fmt, "bytes": size}
    if size == 0:
        return _result(fmt, 0, problems, fatal="empty file")
    if size < 1024:
        with open(path, "rb") as fh:
            if is_lfs_pointer(fh.read(64)):
                return _result(fmt, size, problems, fatal=LFS_POINTER)
    rows: Any
    if fmt == "json" and size <= MAX_DOCUMENT_BYTES:
        doc = read_document(path, problems)
        rows = document_rows(doc) if doc is not None else iter(())
        if doc is not None:
            out["records_at"] = records_key(doc.value)
            out["leaves"] = [[leaf.path, shorten(leaf.value), leaf.line] for leaf in doc.leaves[:MAX_LEAVES_KEPT]]
            out["leaves_capped"] = doc.truncated_leaves or len(doc.leaves) > MAX_LEAVES_KEPT
    else:
        rows = iter_rows(path, problems, fmt)
    columns: dict[str, _Column] = {}
    columns_capped = False
    rng = random.Random(_seed(path, size))
    heap: list[tuple[float, int, Row]] = []
    count = 0
    for row in rows:
        count += 1
        for name, value in row.values.items():
            column = columns.get(name)
            if column is None:
                if len(columns) >= MAX_COLUMNS:
                    columns_capped = True
                    continue
                column = columns[name] = _Column()
            column.add(value, row.line)
        # Reservoir sampling as a bounded heap of the smallest draws.
        priority = -rng.random()
        if len(heap) < sample_size:
            heapq.heappush(heap, (priority, count, row))
        elif priority > heap[0][0]:
            heapq.heapreplace(heap, (priority, count, row))
    sample = [row for _, _, row in sorted(heap, key=lambda item: item[1])]
    out.update(_result(fmt, size, problems))
    out.update(
        rows=count,
        columns={name: column.summary() for name, column in columns.items()},
        columns_capped=columns_capped,
        sample=[{"line": row.line, "values": {k: shorten(v) for k, v in list(row.values.items())[:40]}}
                for row in sample],
    )
    out.setdefault("records_at", "")
    out.setdefault("leaves", [])
    out.setdefault("leaves_capped", False)
    return out


def _result(fmt: str, size: int, problems: Problems, fatal: str | None = None) -> dict[str, Any]:
    if fatal:
        problems.fatal = fatal
    base: dict[str, Any] = {"format": fmt, "bytes": size, "encoding": problems.encoding,
                            "problem": problems.summary(), "fatal": problems.fatal is not None}
    if fatal:
        base.update(rows=0, columns={}, columns_capped=False, sample=[], records_at="", leaves=[],
                    leaves_capped=False)
    return base


def column(summary: dict[str, Any], *names: str) -> tuple[str, dict[str, Any]] | None:
    """The first column of `summary` whose last dotted part is one of `names` (case-insensitive)."""
    wanted = {n.lower() for n in names}
    for name, stats in summary.get("columns", {}).items():
        last = name.rsplit(".", 1)[-1].lower()
        if last in wanted or name.lower() in wanted:
            return name, stats
    return None
