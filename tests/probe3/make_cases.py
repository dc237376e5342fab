"""Writes the blind probe-3 cases (tests/probe3/<id>/case.json, repo/, history/).

Each case is declared below with its files; a label names a unique substring of the labelled
line (`find`), and the line numbers (and notebook cell / cell_line) are computed from it, so the
files carry no markers. Run: python3 tests/probe3/make_cases.py
"""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES: list[dict] = []


def d(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def nb(*cells: tuple[str, str]) -> dict:
    """A notebook from (kind, source) pairs."""
    out = []
    for kind, src in cells:
        src = d(src).rstrip("\n")
        lines = src.split("\n")
        source = [ln + "\n" for ln in lines[:-1]] + [lines[-1]]
        cell = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        out.append(cell)
    return {"cells": out, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                      "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def case(id, description, style, files, labels=(), also_ok=(), history=()):
    CASES.append(dict(id=id, description=description, style=style, files=files,
                      labels=list(labels), also_ok=list(also_ok), history=list(history)))


def locate(files: dict, spec: dict) -> dict:
    spec = dict(spec)
    find = spec.pop("find", None)
    end_find = spec.pop("end_find", None)
    content = files[spec["file"]]
    if find is None:
        spec.setdefault("line", None)
        return spec
    if isinstance(content, dict):  # notebook
        code_lines: list[str] = []
        hit = None
        for ci, cell in enumerate(content["cells"]):
            src = "".join(cell["source"])
            if cell["cell_type"] != "code":
                continue
            for li, ln in enumerate(src.split("\n"), 1):
                if find in ln:
                    assert hit is None, (spec, find)
                    hit = dict(cell=ci, cell_line=li, line=len(code_lines) + li)
            code_lines += src.split("\n")
        assert hit, (spec, find)
        spec.update(hit)
        return spec
    lines = content.split("\n")
    hits = [i for i, ln in enumerate(lines, 1) if find in ln]
    assert len(hits) == 1, (spec["file"], find, hits)
    spec["line"] = hits[0]
    if end_find:
        ends = [i for i, ln in enumerate(lines, 1) if end_find in ln]
        assert len(ends) == 1, (spec["file"], end_find, ends)
        spec["end_line"] = ends[0]
    return spec


def write_all() -> None:
    for c in CASES:
        root = HERE / c["id"]
        if root.exists():
            shutil.rmtree(root)
        for rel, content in c["files"].items():
            p = root / "repo" / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(json.dumps(content, indent=1) + "\n" if isinstance(content, dict) else content,
                         encoding="utf-8")
        history = []
        for i, step in enumerate(c["history"]):
            files = {}
            for rel, content in step["files"].items():
                if content is None:
                    files[rel] = None
                    continue
                src = f"history/{i}/{rel}"
                p = root / src
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(content, encoding="utf-8")
                files[rel] = src
            history.append({"message": step["message"], "date": step["date"], "files": files})
        meta = {
            "id": c["id"], "description": c["description"], "style": c["style"],
            "labels": [locate(c["files"], lab) for lab in c["labels"]],
            "also_ok": [locate(c["files"], lab) for lab in c["also_ok"]],
        }
        if history:
            meta["history"] = history
        (root / "case.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


for _part in ("cases_data.py", "cases_data2.py"):  # the declarations, split for size
    exec(compile((HERE / _part).read_text(encoding="utf-8"), _part, "exec"), globals())

if __name__ == "__main__":
    write_all()
    print(len(CASES), "cases;", sum(1 for c in CASES if c["labels"]), "with bugs")
