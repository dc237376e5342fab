"""Build the probe7 cases from the specs in spec_*.py.

A line ending in the marker  ⟪CATEGORY|why⟫  becomes a label on that line (the marker and the
spaces before it are removed); ⟪ok:CATEGORY|why⟫ becomes an also_ok entry. Whole-file labels are
given as case["null_labels"] = [(file, category, why)]. A notebook is {"cells": [(kind, source,
execution_count)]}; its labels get cell, cell_line and the joined-code-cell line.
"""
import importlib
import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
MARK = re.compile(r"\s*⟪(ok:)?([A-Z]+-[A-Z]+)(?:\|([^⟫|]*))?(?:\|\+(\d+))?⟫")


def strip(text, labels, ok, file, nb=None):
    out = []
    for i, line in enumerate(text.split("\n"), 1):
        m = MARK.search(line)
        if m:
            entry = {"file": file, "line": i, "category": m.group(2), "why": m.group(3) or ""}
            if m.group(4):
                entry["end_line"] = i + int(m.group(4))
            if nb:
                entry = nb(i, entry)
            (ok if m.group(1) else labels).append(entry)
            line = line[: m.start()] + line[m.end():]
        out.append(line)
    return "\n".join(out)


def notebook(spec, labels, ok, file):
    cells, joined = [], 0
    for idx, cell in enumerate(spec["cells"]):
        kind, src = cell[0], cell[1]
        count = cell[2] if len(cell) > 2 else None
        base = joined

        def nb(i, entry, idx=idx, base=base):
            out = {"file": entry["file"], "cell": idx, "cell_line": i, "line": base + i,
                   "category": entry["category"], "why": entry["why"]}
            if "end_line" in entry:
                out["end_line"] = base + entry["end_line"]
            return out
        src = strip(src.strip("\n"), labels, ok, file, nb if kind == "code" else None)
        lines = src.split("\n")
        source = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        if kind == "code":
            joined += len(lines)
            cells.append({"cell_type": "code", "execution_count": count, "metadata": {},
                          "outputs": [], "source": source})
        else:
            cells.append({"cell_type": "markdown", "metadata": {}, "source": source})
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3",
                      "display_name": "Python 3", "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def write(root, files, labels, ok):
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, dict):
            text = notebook(body, labels, ok, rel)
        else:
            text = strip(body.lstrip("\n"), labels, ok, rel)
        path.write_text(text, encoding="utf-8")


def build(case):
    d = OUT / case["id"]
    if d.exists():
        shutil.rmtree(d)
    labels, ok = [], []
    write(d / "repo", case["files"], labels, ok)
    hist = []
    for n, step in enumerate(case.get("history", [])):
        files = {}
        for rel, body in step["files"].items():
            if body is None:
                files[rel] = None
                continue
            write(d / "history" / str(n), {rel: body}, [], [])
            files[rel] = f"history/{n}/{rel}"
        hist.append({"message": step["message"], "date": step["date"], "files": files})
    for file, cat, why in case.get("null_labels", []):
        labels.append({"file": file, "line": None, "category": cat, "why": why})
    for file, cat, why in case.get("null_ok", []):
        ok.append({"file": file, "line": None, "category": cat, "why": why})
    if case.get("clean"):
        assert not labels, case["id"]
    else:
        assert len(labels) == 1, (case["id"], labels)
    meta = {"id": case["id"], "description": case["description"], "style": case["style"],
            "labels": labels, "also_ok": ok}
    if hist:
        meta["history"] = hist
    (d / "case.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")


def main():
    sys.path.insert(0, str(HERE))
    n = 0
    for spec in sorted(HERE.glob("spec_*.py")):
        mod = importlib.import_module(spec.stem)
        for case in mod.CASES:
            build(case)
            n += 1
    print(n, "cases")


if __name__ == "__main__":
    main()


def _unmark(body):
    if isinstance(body, dict):
        return {"cells": [(c[0], MARK.sub("", c[1])) + tuple(c[2:]) for c in body["cells"]]}
    return None if body is None else "\n".join(MARK.sub("", l) for l in body.split("\n"))


def _edit(body, edits):
    for old, new in edits:
        if isinstance(body, dict):
            hit = False
            cells = []
            for c in body["cells"]:
                if old in c[1]:
                    hit = True
                cells.append((c[0], c[1].replace(old, new)) + tuple(c[2:]))
            assert hit, old
            body = {"cells": cells}
        else:
            assert old in body, old
            body = body.replace(old, new)
    return body


def twin(case, new_id, description, edits=None, history_edits=None, drop_history=False):
    """A clean near-miss twin: the case with str replacements and no labels."""
    edits = edits or {}
    files = {rel: _edit(_unmark(body), edits.get(rel, [])) for rel, body in case["files"].items()}
    for rel, body in edits.items():
        if rel not in case["files"]:
            files[rel] = body[0][1]  # new file: [("", text)]
    out = {"id": new_id, "description": description, "style": case["style"], "files": files,
           "clean": True}
    if case.get("history") and not drop_history:
        out["history"] = [{"message": s["message"], "date": s["date"],
                           "files": {r: _edit(_unmark(b), (history_edits or {}).get(r, []))
                                     for r, b in s["files"].items()}} for s in case["history"]]
    return out
