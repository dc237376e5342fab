"""Writes the probe6 cases from the case modules in this folder.

Label markers: a line ending in `  #!CATEGORY` (optionally `#!CATEGORY+N` for an end_line N lines
further, or `#?CATEGORY` for an also_ok entry) is labelled and the marker is stripped.
Notebook cells are given as ("code"|"markdown", source) pairs.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
MARK = re.compile(r"\s*#([!?])([A-Z]+-[A-Z]+)(\+\d+)?\s*$")


def strip_marks(text: str):
    lines, marks = [], []
    for i, line in enumerate(text.split("\n"), 1):
        m = MARK.search(line)
        if m:
            span = int(m.group(3)[1:]) if m.group(3) else 0
            marks.append((m.group(1), m.group(2), i, i + span))
            line = line[: m.start()]
        lines.append(line)
    return "\n".join(lines), marks


def entry(kind, cat, line, end, file, why, **extra):
    e = {"file": file, "line": line}
    if end != line:
        e["end_line"] = end
    e.update(extra)
    e["category"] = cat
    if kind == "!":
        e["why"] = why
    return kind, e


def notebook(cells):
    nb_cells, entries, offset = [], [], 0
    count = 0
    for idx, cell in enumerate(cells):
        kind, src = cell[0], cell[1]
        outputs = cell[2] if len(cell) > 2 else None
        src, marks = strip_marks(src.strip("\n"))
        lines = src.split("\n")
        source = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        if kind == "code":
            count += 1
            c = {"cell_type": "code", "execution_count": count, "metadata": {},
                 "outputs": [], "source": source}
            if outputs:
                c["outputs"] = [{"name": "stdout", "output_type": "stream",
                                 "text": [o + "\n" for o in outputs.split("\n")]}]
            for k, cat, a, b in marks:
                entries.append((k, cat, offset + a, offset + b, {"cell": idx, "cell_line": a}))
            offset += len(lines)
        else:
            c = {"cell_type": "markdown", "metadata": {}, "source": source}
        nb_cells.append(c)
    nb = {"cells": nb_cells, "metadata": {"kernelspec": {"display_name": "Python 3",
          "language": "python", "name": "python3"}, "language_info": {"name": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1) + "\n", entries


def write_case(case: dict):
    cid = case["id"]
    d = OUT / cid
    if d.exists():
        shutil.rmtree(d)
    (d / "repo").mkdir(parents=True)
    labels, also = [], []
    why = case.get("why", {})
    for path, content in case["files"].items():
        target = d / "repo" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, list):
            text, ents = notebook(content)
            for k, cat, a, b, extra in ents:
                kind, e = entry(k, cat, a, b, path, why.get(path, case.get("why_default", "")), **extra)
                (labels if kind == "!" else also).append(e)
        else:
            text, marks = strip_marks(content.lstrip("\n"))
            for k, cat, a, b in marks:
                kind, e = entry(k, cat, a, b, path, why.get(path, case.get("why_default", "")))
                (labels if kind == "!" else also).append(e)
        target.write_text(text, encoding="utf-8")
    for extra in case.get("null_labels", []):
        labels.append({"file": extra[0], "line": None, "category": extra[1], "why": extra[2]})
    for extra in case.get("null_also", []):
        also.append({"file": extra[0], "line": None, "category": extra[1]})
    history = []
    for n, step in enumerate(case.get("history", [])):
        files = {}
        for path, content in step["files"].items():
            if content is None:
                files[path] = None
                continue
            name = f"history/{n}-" + path.replace("/", "__")
            (d / "history").mkdir(exist_ok=True)
            (d / name).write_text(content.lstrip("\n"), encoding="utf-8")
            files[path] = name
        history.append({"message": step["message"], "date": step["date"], "files": files})
    meta = {"id": cid, "description": case["description"], "style": case["style"],
            "labels": labels}
    if also:
        meta["also_ok"] = also
    if history:
        meta["history"] = history
    (d / "case.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return cid, len(labels)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    import importlib
    total = 0
    for mod in sorted(p.stem for p in HERE.glob("cases_*.py")):
        for case in importlib.import_module(mod).CASES:
            cid, n = write_case(case)
            total += n
            print(cid, n)
    print("labels", total)
