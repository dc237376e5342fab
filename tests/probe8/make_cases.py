"""Writes the probe8 cases (tests/probe8/<id>/) from the definitions in cases_*.py.

A line that ends in `#@CATEGORY` (optionally `+N` for end_line = line + N) becomes a label and the
marker is removed; `#@ok:CATEGORY` becomes an also_ok entry. Notebooks are given as a list of
("md"|"code", source) cells. Run: python3 tests/probe8/make_cases.py
"""
import json, re, shutil, sys, textwrap
from pathlib import Path

HERE = Path(__file__).parent
MARK = re.compile(r"\s*#@(ok:)?([A-Z]+-[A-Z]+)(\+\d+)?\s*$")
CASES = []


def case(id, style, description, files, extra_labels=(), history=None):
    CASES.append(dict(id=id, style=style, description=description, files=files,
                      extra_labels=list(extra_labels), history=history or []))


def _strip(text, path, labels, ok, cell=None, offset=0):
    out = []
    for i, line in enumerate(text.split("\n"), 1):
        m = MARK.search(line)
        if m:
            line = line[: m.start()]
            entry = {"file": path, "line": offset + i, "category": m.group(2)}
            if m.group(3):
                entry["end_line"] = offset + i + int(m.group(3)[1:])
            if cell is not None:
                entry = {"file": path, "cell": cell, "cell_line": i, **{k: v for k, v in entry.items() if k != "file"}}
            (ok if m.group(1) else labels).append(entry)
        out.append(line)
    return "\n".join(out)


def _notebook(cells, path, labels, ok):
    nb_cells, offset, count = [], 0, 0
    for idx, (kind, src) in enumerate(cells):
        src = textwrap.dedent(src).strip("\n")
        if kind == "code":
            src = _strip(src, path, labels, ok, cell=idx, offset=offset)
            offset += len(src.split("\n"))
            count += 1
            nb_cells.append({"cell_type": "code", "execution_count": count, "metadata": {},
                             "outputs": [], "source": _lines(src)})
        else:
            nb_cells.append({"cell_type": "markdown", "metadata": {}, "source": _lines(src)})
    return json.dumps({"cells": nb_cells, "metadata": {"kernelspec": {"display_name": "Python 3",
            "language": "python", "name": "python3"}, "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def _lines(src):
    parts = src.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def write(c):
    d = HERE / c["id"]
    if d.exists():
        shutil.rmtree(d)
    labels, ok = [], []
    for path, content in c["files"].items():
        p = d / "repo" / path
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, list):
            p.write_text(_notebook(content, path, labels, ok))
        else:
            p.write_text(_strip(textwrap.dedent(content).lstrip("\n"), path, labels, ok))
    hist = []
    for h in c["history"]:
        files = {}
        for path, content in h["files"].items():
            if content is None:
                files[path] = None
                continue
            name = "history/" + h["tag"] + "-" + path.replace("/", "__")
            (d / name).parent.mkdir(parents=True, exist_ok=True)
            (d / name).write_text(textwrap.dedent(content).lstrip("\n"))
            files[path] = name
        hist.append({"message": h["message"], "date": h["date"], "files": files})
    labels += c["extra_labels"]
    meta = {"id": c["id"], "description": c["description"], "style": c["style"], "labels": labels}
    if ok:
        meta["also_ok"] = ok
    if hist:
        meta["history"] = hist
    (d / "case.json").write_text(json.dumps(meta, indent=2) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    import cases_data, cases_prompt, cases_eval, cases_leak, cases_seed, cases_result, cases_plain  # noqa
    for mod in (cases_data, cases_prompt, cases_eval, cases_leak, cases_seed, cases_result, cases_plain):
        mod.define(case)
    for c in CASES:
        write(c)
    n_bug = sum(1 for c in CASES if c["id"].split("-")[1] != "clean")
    print(len(CASES), "cases")
