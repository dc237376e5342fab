"""Recall on real bugs that authors of public research repositories later fixed.

    python benchmarks/realbugs.py                        # every bug of realbugs/bugs.json
    python benchmarks/realbugs.py --bug lm-eval-median   # one bug (repeatable)
    python benchmarks/realbugs.py --no-fix               # skip the scan of the fix commits
    python benchmarks/realbugs.py --json out.json        # every bug with its verdict
    python benchmarks/realbugs.py --bugs benchmarks/realbugs/heldout2.json   # another set of bugs

Each entry of `realbugs/bugs.json` names a repository, the commit that fixed a bug (`fix`) and its
parent (`buggy`), and labels the buggy line(s) in the buggy commit with a taxonomy category
(/work/shared/bench/README.md). `plain` says whether a static rule can reasonably see the bug from
the code alone (true) or needs knowledge the code does not show (false: a library's defaults, what
a config file sets, what the author meant).

The buggy commit is checked out from the local mirror (`--mirror`, `<owner>+<name>/repo`, a bare git
directory) into `--work` the way `precision.py` does it (a shared clone, sparse when the mirror
lacks large blobs), and scanned with `python -m hygiene check --format json --no-llm --checklist off`
of the interpreter running this script. A bug is found when a finding of the label's family is on
the labelled file within the labelled lines +-2 (the scoring of the development benchmark). Then the
fix commit is scanned: a found bug whose finding (same rule and fingerprint) is gone after the fix is
a good sign the rule sees the bug and not something near it.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from precision import checkout, scan  # noqa: E402  (the checkout and the scan are shared)

# A finding reported once for several copies of one file names each other copy's place with this
# note: the bug at that place is reported, in the copy's finding.
from hygiene.analysis.copies import FOLD_NOTES  # noqa: E402
# The same code again in one file is one finding at its first place naming the others (hygiene.grouping):
# a bug at another of those places is reported too (held-out set 17: DME's second `F.dropout`).
from hygiene.grouping import HABIT_NOTE  # noqa: E402

REPORTED_NOTES = (*FOLD_NOTES, HABIT_NOTE)

BUGS = HERE / "realbugs" / "bugs.json"
SLACK = 2


def family(category: str) -> str:
    return category.split("-", 1)[0]


def notebook_line(notebook: dict, cell: int, cell_line: int) -> int:
    """The 1-based line of `cell_line` in `cell` when the code cells are joined, a newline after each."""
    line = 0
    for index, entry in enumerate(notebook.get("cells", [])):
        if index == cell:
            return line + cell_line
        if entry.get("cell_type") == "code":
            source = entry.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            line += len(text.split("\n"))
    raise ValueError(f"notebook has no cell {cell}")


def resolve_label(bug: dict, root: Path) -> dict:
    """The label with `line` and `end_line` set; notebook labels given by cell are counted in the checkout."""
    label = dict(bug)
    if "cell" in label:
        notebook = json.loads((root / label["file"]).read_text(encoding="utf-8"))
        start = notebook_line(notebook, label["cell"], label["cell_line"])
        label["line"] = start
        label["end_line"] = start + label.get("cell_end_line", label["cell_line"]) - label["cell_line"]
    label.setdefault("end_line", label.get("line"))
    return label




def matches(label: dict, finding: dict) -> bool:
    if family(finding.get("category", "")) != family(label["category"]):
        return False
    places = [(finding.get("path"), finding.get("line"))]
    places += [(r.get("path"), r.get("line")) for r in finding.get("related") or () if r.get("note") in REPORTED_NOTES]
    return any(_at(label, path, line) for path, line in places)


def _at(label: dict, path: str | None, line: int | None) -> bool:
    if path != label["file"]:
        return False
    if label.get("line") is None:
        return True
    return line is not None and label["line"] - SLACK <= line <= label["end_line"] + SLACK


def found_by(label: dict, findings: list[dict]) -> list[dict]:
    return [f for f in findings if matches(label, f)]


def gone_after_fix(hits: list[dict], fix_findings: list[dict], fix_file: str) -> bool:
    """True when no finding that found the bug (same rule and fingerprint) is left on the file after the fix."""
    left = {(f.get("rule"), f.get("fingerprint")) for f in fix_findings if f.get("path") == fix_file}
    return not any((h.get("rule"), h.get("fingerprint")) in left for h in hits)


def summarise(results: list[dict]) -> dict:
    """Recall overall, per family and on the plain-pattern subset, from results with `found` and `plain`."""
    def ratio(items: list[dict]) -> dict:
        found = sum(1 for r in items if r["found"])
        return {"bugs": len(items), "found": found, "recall": found / len(items) if items else 0.0}

    per_family = collections.defaultdict(list)
    for r in results:
        per_family[family(r["category"])].append(r)
    with_fix = [r for r in results if r["found"] and r.get("gone_after_fix") is not None]
    return {
        "overall": ratio(results),
        "plain": ratio([r for r in results if r["plain"]]),
        "context": ratio([r for r in results if not r["plain"]]),
        "families": {name: ratio(items) for name, items in sorted(per_family.items())},
        "gone_after_fix": {"found": len(with_fix), "gone": sum(1 for r in with_fix if r["gone_after_fix"])},
    }


def load_bugs(path: Path = BUGS) -> list[dict]:
    bugs = json.loads(path.read_text(encoding="utf-8"))["bugs"]
    ids = [b["id"] for b in bugs]
    if len(ids) != len(set(ids)):
        raise SystemExit("bug ids must be unique")
    return bugs


def run_bug(bug: dict, args: argparse.Namespace) -> dict:
    root = checkout({"repo": bug["repo"], "commit": bug["buggy"]}, args.mirror, args.work)
    if root is None:
        return {**bug, "found": False, "error": "no mirror"}
    label = resolve_label(bug, root)
    findings = scan(root, args.jobs)["findings"]
    hits = found_by(label, findings)
    same_file = [f for f in findings if f.get("path") == label["file"]]
    result = {**bug, "line": label["line"], "end_line": label["end_line"], "found": bool(hits),
              "hits": [f"{h['rule']} {h['path']}:{h.get('line')}" for h in hits],
              "on_file": sorted({f"{f['rule']}:{f.get('line')}" for f in same_file}),
              "gone_after_fix": None}
    if hits and not args.no_fix:
        fixed = checkout({"repo": bug["repo"], "commit": bug["fix"]}, args.mirror, args.work)
        fix_findings = scan(fixed, args.jobs)["findings"]
        result["gone_after_fix"] = gone_after_fix(hits, fix_findings, bug.get("fix_file", bug["file"]))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/hygiene-realbugs"))
    parser.add_argument("--bugs", type=Path, default=BUGS, help="the set of bugs (default realbugs/bugs.json)")
    parser.add_argument("--bug", action="append", default=[], help="only these bug ids")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--no-fix", action="store_true", help="do not scan the fix commits")
    parser.add_argument("--json", type=Path, help="write every bug with its result here")
    args = parser.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    bugs = [b for b in load_bugs(args.bugs) if not args.bug or b["id"] in args.bug]
    # One repository at a time, so its shared clone moves between its commits only.
    bugs.sort(key=lambda b: (b["repo"], b["id"]))
    results = []
    for bug in bugs:
        result = run_bug(bug, args)
        results.append(result)
        mark = "found" if result["found"] else "MISS "
        after = {None: "", True: "  (gone after fix)", False: "  (still there after fix)"}[result["gone_after_fix"]]
        print(f"{mark} {bug['id']:<34} {bug['category']:<18} {bug['file']}:{result.get('line')}"
              f"  {' '.join(result.get('hits', []))}{after}", flush=True)

    summary = summarise(results)
    print(f"\n{'set':<16} {'bugs':>5} {'found':>6} {'recall':>7}")
    rows = [("overall", summary["overall"]), ("plain pattern", summary["plain"]), ("needs context", summary["context"])]
    rows += [(name, s) for name, s in summary["families"].items()]
    for name, s in rows:
        print(f"{name:<16} {s['bugs']:>5} {s['found']:>6} {s['recall']:>7.2f}")
    g = summary["gone_after_fix"]
    print(f"\nfound bugs whose finding is gone after the fix: {g['gone']}/{g['found']}")
    misses = [r for r in results if not r["found"]]
    if misses:
        print(f"\n{len(misses)} misses:")
        for r in misses:
            kind = "plain" if r["plain"] else "context"
            print(f"  {r['id']} [{r['category']}, {kind}] {r['repo']} {r['file']}:{r.get('line')}  {r['why']}")
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "bugs": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
