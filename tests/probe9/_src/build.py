"""Build the probe9 cases from the specs in this folder.

A line ending in `#@ CATEGORY why` is a label: the marker is removed and the label records the line
(and, for notebooks, the cell and cell line).  Run: python3 tests/probe9/_src/build.py
"""
import importlib
import json
import shutil
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
CASES = []


def case(id, style, description, files, history=None, extra_labels=(), also_ok=()):
    CASES.append((id, style, description, files, history or [], list(extra_labels), list(also_ok)))


def src(text):
    return textwrap.dedent(text).lstrip("\n")


def _strip(text):
    out, labels = [], []
    for i, line in enumerate(text.split("\n"), 1):
        if "#@ " in line:
            code, _, mark = line.partition("#@ ")
            cat, _, why = mark.strip().partition(" ")
            span = 0
            if ":" in cat:
                cat, span = cat.split(":")[0], int(cat.split(":")[1])
            line = code.rstrip()
            labels.append((i, cat, why, span))
        out.append(line)
    return "\n".join(out), labels


def _notebook(cells):
    nb_cells, labels, joined = [], [], 0
    for idx, (kind, text) in enumerate(cells):
        text = src(text).rstrip("\n")
        if kind == "code":
            text, labs = _strip(text)
            for (ln, cat, why, span) in labs:
                lab = {"cell": idx, "cell_line": ln, "line": joined + ln, "category": cat, "why": why}
                if span:
                    lab["end_line"] = joined + ln + span
                labels.append(lab)
            joined += len(text.split("\n"))
        lines = text.split("\n")
        source = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        cell = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        nb_cells.append(cell)
    nb = {"cells": nb_cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
          "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1) + "\n", labels


def write(id, style, description, files, history, extra_labels, also_ok):
    root = OUT / id
    if root.exists():
        shutil.rmtree(root)
    labels = []
    for path, content in files.items():
        dest = root / "repo" / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, list):
            text, labs = _notebook(content)
            for lab in labs:
                labels.append({"file": path, **lab})
        else:
            text, labs = _strip(src(content))
            for (ln, cat, why, span) in labs:
                lab = {"file": path, "line": ln, "category": cat, "why": why}
                if span:
                    lab["end_line"] = ln + span
                labels.append(lab)
        dest.write_text(text, encoding="utf-8")
    hist = []
    for n, entry in enumerate(history):
        files_map = {}
        for path, content in entry["files"].items():
            if content is None:
                files_map[path] = None
                continue
            name = f"history/v{n}-{path.replace('/', '__')}"
            dest = root / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            text, labs = _strip(src(content))
            dest.write_text(text, encoding="utf-8")
            files_map[path] = name
        hist.append({"message": entry["message"], "date": entry["date"], "files": files_map})
    for lab in list(labels):
        if lab["category"].startswith("FILE:"):
            pass
    also = [lab for lab in labels if lab["category"].startswith("~")]
    labels = [lab for lab in labels if not lab["category"].startswith("~")] + extra_labels
    for lab in also:
        lab["category"] = lab["category"][1:]
        lab.pop("why", None)
    meta = {"id": id, "description": description, "style": style, "labels": labels, "also_ok": also + also_ok,
            "history": hist}
    (root / "case.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def filler(pkg, deps=("numpy", "pandas")):
    """The files every packaged research repo has around its code (clean on purpose)."""
    dep_lines = ("\n" + " " * 16).join(f'"{d}",' for d in deps)
    return {
        "pyproject.toml": f"""
            [project]
            name = "{pkg}"
            version = "0.1.0"
            requires-python = ">=3.10"
            dependencies = [
                {dep_lines}
            ]

            [project.scripts]
            {pkg} = "{pkg}.cli:main"

            [tool.setuptools.packages.find]
            where = ["src"]
            """,
        ".gitignore": "__pycache__/\n*.pyc\n.venv/\nwandb/\noutputs/\n",
        f"src/{pkg}/__init__.py": '__version__ = "0.1.0"\n',
        f"src/{pkg}/utils/__init__.py": "",
        f"src/{pkg}/utils/io.py": """
            import json
            from pathlib import Path


            def read_jsonl(path):
                with open(path, encoding="utf-8") as fh:
                    return [json.loads(line) for line in fh if line.strip()]


            def write_jsonl(path, rows):
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                with open(path, "w", encoding="utf-8") as fh:
                    for row in rows:
                        fh.write(json.dumps(row) + "\\n")
            """,
        "tests/test_io.py": f"""
            from {pkg}.utils.io import read_jsonl, write_jsonl


            def test_roundtrip(tmp_path):
                rows = [{{"a": 1}}, {{"a": 2}}]
                write_jsonl(tmp_path / "x.jsonl", rows)
                assert read_jsonl(tmp_path / "x.jsonl") == rows
            """,
    }


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    import build as B
    for mod in sorted(p.stem for p in HERE.glob("specs_*.py")):
        importlib.import_module(mod)
    for c in B.CASES:
        B.write(*c)
    CASES = B.CASES
    bugs = sum(1 for c in CASES if "-clean-" not in c[0])
    print(f"{len(CASES)} cases written ({bugs} with bugs)")
