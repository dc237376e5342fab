"""Build the blind probe-4 cases from the compact definitions in cases_*.py.

Labels are written inline as markers at the end of a line and stripped from the written file:
  «CAT|why»        a label on this line (CAT is a taxonomy code such as LEAK-SPLIT)
  «CAT+N|why»      a label from this line to N lines below
  «ok:CAT»         an also_ok entry on this line
Notebooks are given as a list of cells: ("code" | "md", source[, outputs]); line numbers are
computed the way the benchmark README defines them (code cells joined, newline after each).
Whole-file labels go in the case's "file_labels" / "file_ok".

Run:  python3 tests/probe4/make_cases.py      (rewrites every case folder it defines)
"""
from __future__ import annotations

import importlib
import json
import re
import shutil
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\s*«([^»]*)»\s*$")


def _strip(text: str):
    """Return (clean lines, [(line_no, marker)]) for a text with markers."""
    out, marks = [], []
    for i, line in enumerate(text.split("\n"), 1):
        m = MARK.search(line)
        if m:
            marks.append((i, m.group(1)))
            line = line[: m.start()]
        out.append(line)
    return out, marks


def _label(file: str, line: int, marker: str, extra: dict | None = None):
    if marker.startswith("ok:"):
        entry = {"file": file, "line": line, "category": marker[3:].strip()}
        entry.update(extra or {})
        return "ok", entry
    cat, _, why = marker.partition("|")
    end = line
    m = re.match(r"([A-Z]+-[A-Z]+)\+(\d+)$", cat.strip())
    if m:
        cat, end = m.group(1), line + int(m.group(2))
    entry = {"file": file, "line": line, "end_line": end, "category": cat.strip(), "why": why.strip()}
    entry.update(extra or {})
    return "label", entry


def _notebook(cells):
    nb_cells, labels, oks = [], [], []
    joined = 0
    for idx, cell in enumerate(cells):
        kind, src = cell[0], textwrap.dedent(cell[1]).strip("\n")
        outputs = cell[2] if len(cell) > 2 else []
        lines, marks = _strip(src)
        source = [ln + "\n" for ln in lines[:-1]] + [lines[-1]]
        if kind == "md":
            nb_cells.append({"cell_type": "markdown", "metadata": {}, "source": source})
            continue
        for ln, mk in marks:
            kind_, entry = _label("", joined + ln, mk, {"cell": idx, "cell_line": ln})
            (labels if kind_ == "label" else oks).append(entry)
        outs = []
        for n, text in enumerate(outputs):
            if isinstance(text, tuple):  # ("result", text)
                outs.append({"output_type": "execute_result", "execution_count": idx,
                             "metadata": {}, "data": {"text/plain": text[1].split("\n")}})
            else:
                outs.append({"output_type": "stream", "name": "stdout",
                             "text": [t + "\n" for t in text.split("\n")]})
        nb_cells.append({"cell_type": "code", "execution_count": idx if outputs else None,
                         "metadata": {}, "outputs": outs, "source": source})
        joined += len(lines)
    nb = {"cells": nb_cells, "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.11.6"}}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1) + "\n", labels, oks


def build(case: dict) -> None:
    root = HERE / case["id"]
    if root.exists():
        shutil.rmtree(root)
    (root / "repo").mkdir(parents=True)
    labels, oks = [], []

    def write(base: Path, rel: str, content, record: bool):
        target = base / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, list):
            text, labs, ok = _notebook(content)
            for e in labs + ok:
                e["file"] = rel
        else:
            lines, marks = _strip(textwrap.dedent(content).lstrip("\n"))
            text = "\n".join(lines)
            if not text.endswith("\n"):
                text += "\n"
            labs, ok = [], []
            for ln, mk in marks:
                kind, entry = _label(rel, ln, mk)
                (labs if kind == "label" else ok).append(entry)
        target.write_text(text, encoding="utf-8")
        if record:
            labels.extend(labs)
            oks.extend(ok)

    for rel, content in case["files"].items():
        write(root / "repo", rel, content, True)
    history = []
    for n, step in enumerate(case.get("history", [])):
        files = {}
        for rel, content in step["files"].items():
            if content is None:
                files[rel] = None
                continue
            src = f"history/v{n}/{rel}"
            write(root, src, content, False)
            files[rel] = src
        history.append({"message": step["message"], "date": step["date"], "files": files})
    for entry in case.get("file_labels", []):
        labels.append({"file": entry[0], "line": None, "category": entry[1], "why": entry[2]})
    for entry in case.get("file_ok", []):
        oks.append({"file": entry[0], "line": None, "category": entry[1]})
    meta = {"id": case["id"], "style": case["style"], "description": case["description"],
            "labels": labels, "also_ok": oks}
    if history:
        meta["history"] = history
    (root / "case.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    sys.path.insert(0, str(HERE))
    count = 0
    for mod in sorted(p.stem for p in HERE.glob("cases_*.py")):
        for case in importlib.import_module(mod).CASES:
            build(case)
            count += 1
    print(f"built {count} cases")


if __name__ == "__main__":
    main()
