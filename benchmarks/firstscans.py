"""Replay the first scans of the held-out sets with today's rules: which judged findings remain.

    python benchmarks/firstscans.py                      # every held-out set
    python benchmarks/firstscans.py --held-out 10 --held-out 11 --rule SEED

Each held-out set of the precision corpus was scanned once, with the rules of its day, before any
rule changed for it, and every finding was judged in `precision/verdicts/heldout<N>.jsonl`
(`heldout.jsonl` for the first sets, marked `"held_out": true`). Those verdicts are the only
judgements of code nobody had tuned on. This script scans the same repositories with the installed
hygiene and matches each finding against its set's first-scan verdicts only (not against verdicts
written later, after rules were tuned on the set), so it answers: of the findings a new user saw
then, how many real, debatable and false ones does today's tool still print, and how many findings
are new (no first-scan verdict: judge them before believing a figure)?

A new finding is matched against the verdicts written later (a set's verdicts marked
`"held_out_replay": true`, judged when a replay printed them, and the verdicts of the other files):
those count as "new TP" / "new debatable" / "new FP"; "new" is left for findings nobody judged.
Replay verdicts are never first-scan verdicts: they are appended to the set's file with the mark.

The sets have been read and tuned on since, so the replayed precision is an optimistic figure, not a
held-out one; a set nobody has scanned is the honest measure. What this script is for: a change meant
to drop false findings should drop them here without dropping the real ones.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import precision  # noqa: E402  (the corpus, checkout, scan and match of the precision benchmark)


def set_of(entry: dict) -> str | None:
    """The verdict file stem of an entry's held-out set, or None for a tuned repository."""
    mark = entry.get("held_out")
    if mark is True:
        return "heldout"
    if type(mark) is int:
        return f"heldout{mark}"
    return None


def first_verdicts(stem: str) -> list[dict]:
    """The set's first-scan verdicts (not those a replay added, marked `held_out_replay`)."""
    file = precision.VERDICTS / f"{stem}.jsonl"
    if not file.exists():
        return []
    rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [v for v in rows if not v.get("held_out_replay")]


def later_verdict(repo: str, finding: dict, later: list[dict]) -> dict | None:
    """A verdict written after the first scan (a replay's, or another file's) for a new finding."""
    return precision.match(repo, [finding], later)[0][0][1]


def tally(pairs: list[tuple[dict, dict | None]], unmatched: list[dict], later: list[dict] | None = None,
          repo: str = "") -> collections.Counter:
    """Counts for one repository: verdicts still printed (TP/debatable/FP), gone, and new findings
    (with a later verdict when one exists)."""
    counts: collections.Counter = collections.Counter()
    for finding, verdict in pairs:
        counts[verdict["verdict"] if verdict else new_kind(repo, finding, later or [])] += 1
    for verdict in unmatched:
        counts["gone " + verdict["verdict"]] += 1
    return counts


def new_kind(repo: str, finding: dict, later: list[dict]) -> str:
    verdict = later_verdict(repo, finding, later)
    return f"new {verdict['verdict']}" if verdict else "new"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/hygiene-corpus"))
    parser.add_argument("--held-out", action="append", default=[],
                        help="only these sets (a number, or 'first' for the sets marked true)")
    parser.add_argument("--rule", action="append", default=[], help="only findings of these codes or prefixes")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--new", type=Path, help="write the new findings (no first-scan verdict) here")
    parser.add_argument("--printed", type=Path,
                        help="write the findings still printed, each with its first-scan verdict and reason, here")
    parser.add_argument("--repo", action="append", default=[], help="only these repositories (owner/name)")
    args = parser.parse_args(argv)
    wanted = (lambda code: any(code.startswith(p) for p in args.rule)) if args.rule else (lambda code: True)
    stems = {"heldout" if s == "first" else f"heldout{int(s)}" for s in args.held_out}

    per_set: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    per_rule: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    new: list[dict] = []
    printed: list[dict] = []
    failed: list[str] = []
    first = {json.dumps(v, sort_keys=True) for v in _all_first()}
    later = [v for v in precision.load_verdicts() if json.dumps(v, sort_keys=True) not in first]
    for entry in precision.load_corpus():
        stem = set_of(entry)
        if stem is None or (stems and stem not in stems) or (args.repo and entry["repo"] not in args.repo):
            continue
        path = precision.checkout(entry, args.mirror, args.work)
        if path is None:
            continue
        try:
            report = precision.scan(path, args.jobs)
        except RuntimeError as error:
            failed.append(entry["repo"])
            print(f"{entry['repo']}: FAILED: {str(error)[-400:]}", file=sys.stderr)
            continue
        findings = [f for f in report["findings"] if wanted(f["rule"])]
        verdicts = [v for v in first_verdicts(stem) if wanted(v["rule"])]
        pairs, unmatched = precision.match(entry["repo"], findings, verdicts)
        counts = tally(pairs, unmatched, later, entry["repo"])
        per_set[stem].update(counts)
        for finding, verdict in pairs:
            per_rule[finding["rule"]][verdict["verdict"] if verdict else new_kind(entry["repo"], finding, later)] += 1
            if verdict is not None:
                printed.append({"repo": entry["repo"], "set": stem, "rule": finding["rule"], "path": finding["path"],
                                "line": finding.get("line"), "verdict": verdict["verdict"],
                                "reason": verdict.get("reason", ""), "message": finding["message"]})
            if verdict is None and later_verdict(entry["repo"], finding, later) is None:
                new.append({"repo": entry["repo"], "set": stem, "rule": finding["rule"], "path": finding["path"],
                            "line": finding.get("line"), "fingerprint": finding.get("fingerprint"),
                            "message": finding["message"]})
        for verdict in unmatched:
            per_rule[verdict["rule"]]["gone " + verdict["verdict"]] += 1
        print(f"{entry['repo']:<48} {stem:<10} " + " ".join(f"{k}={v}" for k, v in sorted(counts.items())))

    columns = ["TP", "debatable", "FP", "new TP", "new debatable", "new FP", "new", "gone TP", "gone debatable",
               "gone FP"]
    print("\n" + f"{'':<12}" + "".join(f"{c:>15}" for c in columns) + f"{'precision':>11}")
    total: collections.Counter = collections.Counter()
    for name, counts in [*sorted(per_set.items()), ("", None), *sorted(per_rule.items())]:
        if counts is None:
            print()
            continue
        if name.startswith("heldout"):
            total.update(counts)
        print(f"{name:<12}" + "".join(f"{counts[c]:>15}" for c in columns) + f"{replayed(counts):>11}")
    print(f"{'ALL':<12}" + "".join(f"{total[c]:>15}" for c in columns) + f"{replayed(total):>11}")
    print("\nprecision = TP still printed (first-scan and new) / (every finding printed, new ones nobody judged "
          "counted as wrong)")
    if args.new:
        args.new.write_text("".join(json.dumps(n) + "\n" for n in new), encoding="utf-8")
        print(f"{len(new)} new findings nobody judged written to {args.new}")
    if args.printed:
        args.printed.write_text("".join(json.dumps(p) + "\n" for p in printed), encoding="utf-8")
        print(f"{len(printed)} findings with a first-scan verdict written to {args.printed}")
    if failed:
        print(f"{len(failed)} repositories failed: {', '.join(failed)}", file=sys.stderr)
        return 2
    return 0


def replayed(counts: collections.Counter) -> str:
    printed = sum(counts[k] for k in ("TP", "debatable", "FP", "new TP", "new debatable", "new FP", "new"))
    return f"{(counts['TP'] + counts['new TP']) / printed:.2f}" if printed else "-"


_FIRST: list[dict] | None = None


def _all_first() -> list[dict]:
    """Every held-out set's first-scan verdicts (a verdict of another file is a later one)."""
    global _FIRST
    if _FIRST is None:
        _FIRST = [v for file in sorted(precision.VERDICTS.glob("heldout*.jsonl")) for v in first_verdicts(file.stem)]
    return _FIRST


if __name__ == "__main__":
    sys.exit(main())
