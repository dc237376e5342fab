"""Build a blind probe's cases (tests/probe10, tests/probe11) from its spec modules.

Each spec is a dict: id, style, description, files {path: text | ("nb", [cells])},
labels/also_ok [{file, find, category, why, [end_find]}], history [...].
`find` is a unique substring; the line is computed here (notebooks: cell, cell_line, joined line).
"""
import importlib, json, os, shutil, sys, textwrap

def nb_json(cells, counts=None):
    """counts (optional): one execution count per cell (None for markdown); a counted cell gets a stream output."""
    out = []
    for ci, (kind, src) in enumerate(cells):
        src = textwrap.dedent(src).strip("\n")
        lines = src.split("\n")
        source = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        c = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            n = counts[ci] if counts else None
            c["execution_count"] = n
            c["outputs"] = [{"name": "stdout", "output_type": "stream", "text": ["ok\n"]}] if n else []
        out.append(c)
    return {"cells": out, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def locate(files, lab):
    lab = dict(lab)
    f = lab["file"]
    find = lab.pop("find", None)
    end_find = lab.pop("end_find", None)
    if find is None:
        lab.setdefault("line", None)
        return lab
    body = files[f]
    if isinstance(body, tuple):
        cells = body[1]
        joined = 0
        hits = []
        for ci, (kind, src) in enumerate(cells):
            src = textwrap.dedent(src).strip("\n")
            if kind != "code":
                continue
            for li, l in enumerate(src.split("\n"), 1):
                if find in l:
                    hits.append((ci, li, joined + li))
            joined += len(src.split("\n"))
        assert len(hits) == 1, (f, find, hits)
        lab["cell"], lab["cell_line"], lab["line"] = hits[0]
        return lab
    lines = textwrap.dedent(body).lstrip("\n").split("\n")
    hits = [i for i, l in enumerate(lines, 1) if find in l]
    assert len(hits) == 1, (f, find, hits)
    lab["line"] = hits[0]
    if end_find:
        e = [i for i, l in enumerate(lines, 1) if end_find in l and i > hits[0]]
        assert e, (f, end_find)
        lab["end_line"] = e[0]
    return lab


def write_files(root, files):
    for p, body in files.items():
        full = os.path.join(root, p)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if isinstance(body, tuple):
            text = json.dumps(nb_json(body[1], body[2] if len(body) > 2 else None), indent=1) + "\n"
        else:
            text = textwrap.dedent(body).lstrip("\n")
        with open(full, "w") as fh:
            fh.write(text)


def build(spec, out):
    d = os.path.join(out, spec["id"])
    shutil.rmtree(d, ignore_errors=True)
    write_files(os.path.join(d, "repo"), spec["files"])
    hist = []
    for i, h in enumerate(spec.get("history", [])):
        mapping = {}
        for p, body in h["files"].items():
            if body is None:
                mapping[p] = None
            else:
                write_files(os.path.join(d, "history", str(i)), {p: body})
                mapping[p] = f"history/{i}/{p}"
        hist.append({"message": h["message"], "date": h["date"], "files": mapping})
    case = {"id": spec["id"], "description": spec["description"], "style": spec["style"],
            "labels": [locate(spec["files"], l) for l in spec.get("labels", [])],
            "also_ok": [locate(spec["files"], l) for l in spec.get("also_ok", [])]}
    if hist:
        case["history"] = hist
    with open(os.path.join(d, "case.json"), "w") as fh:
        json.dump(case, fh, indent=2)
        fh.write("\n")


def main(here):
    """Build every spec of the `specs_*` modules in `here` (a probe's `_src`) into the probe folder above it."""
    sys.path.insert(0, here)
    n = 0
    for mod in ["specs_data", "specs_prompt", "specs_eval", "specs_leak", "specs_result", "specs_seed", "specs_extra", "specs_extra2", "specs_extra3", "specs_extra4", "specs_extra5", "specs_extra6"]:
        try:
            m = importlib.import_module(mod)
        except ModuleNotFoundError:
            continue
        for spec in m.SPECS:
            build(spec, os.path.dirname(here))
            n += 1
    print(n, "cases")
