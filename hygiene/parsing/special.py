"""Data files that are not what their suffix says: Git LFS pointers and JSON with comments.

A repository that keeps its data in Git LFS has, without `git lfs pull`, a three-line pointer
where each `.json` or `.csv` should be; read as data, every one is "invalid JSON". A `.json` with
`//` or `/* */` comments or trailing commas (`devcontainer.json`, `tsconfig.json`, experiment
configs read with a JSON5 loader) is a configuration, not a result file. Both are recognised
here, as is a dataset of `.parquet` shards read without the optional pyarrow; the runner reports each kind once per repository (`group_diagnostics`), not once per file.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

LFS_SIGNATURE = b"version https://git-lfs.github.com/spec/"
LFS_POINTER = "Git LFS pointer, not the file's content"
JSON_WITH_COMMENTS = "JSON with comments or trailing commas: read as a configuration, not as results"
EMPTY_FILE = "empty file"
PARQUET_NEEDS_PYARROW = "parquet needs pyarrow (pip install 'research-hygiene[parquet]'); not read"
GROUPED = {
    EMPTY_FILE: "{n} data files are empty: {shown}",
    LFS_POINTER: "{n} files are Git LFS pointers whose content is not checked out, so they were not "
                 "checked (run `git lfs pull` to check them): {shown}",
    JSON_WITH_COMMENTS: "{n} JSON files with comments or trailing commas were read as configurations, "
                        "not as results: {shown}",
    PARQUET_NEEDS_PYARROW: "{n} .parquet files were not read because pyarrow is not installed "
                           "(pip install 'research-hygiene[parquet]'): {shown}",
}


def is_lfs_pointer(head: bytes) -> bool:
    return head.startswith(LFS_SIGNATURE)


def strip_json_comments(text: str) -> str | None:
    """`text` without `//` and `/* */` comments and trailing commas; None when it had none."""
    out: list[str] = []
    i, n, changed, in_string = 0, len(text), False, False
    while i < n:
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if ch == '"':
                in_string = False
            i += 1
            continue
        if ch == '"':
            in_string = True
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i, changed = (n if end < 0 else end), True
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i, changed = (n if end < 0 else end + 2), True
            continue
        elif ch in "}]":
            # a trailing comma before the closing bracket
            j = len(out) - 1
            while j >= 0 and out[j].isspace():
                j -= 1
            if j >= 0 and out[j] == ",":
                del out[j]
                changed = True
        out.append(ch)
        i += 1
    return "".join(out) if changed else None


def parse_json_with_comments(text: str) -> Any:
    """The value of a JSON-with-comments text; raises ValueError when it is not one."""
    stripped = strip_json_comments(text)
    if stripped is None:
        raise ValueError("no comments")
    return json.loads(stripped)


def group_diagnostics(diagnostics: Iterable[Any], make: Any) -> list[Any]:
    """Per-file diagnostics of the grouped kinds become one line per kind on the repository (when
    there are two or more; one file keeps its own line)."""
    kept, grouped = [], {}
    for diagnostic in diagnostics:
        if diagnostic.message in GROUPED and diagnostic.path != ".":
            grouped.setdefault(diagnostic.message, []).append(diagnostic.path)
        else:
            kept.append(diagnostic)
    for message, paths in grouped.items():
        if len(paths) == 1:  # one file keeps its own line
            kept.append(make(paths[0], message, "note"))
            continue
        paths = sorted(paths)
        shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        kept.append(make(".", GROUPED[message].format(n=len(paths), shown=shown), "note"))
    return kept
