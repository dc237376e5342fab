"""What each rule buys and costs: the labels only it finds, against its verdicts on real code.

    python benchmarks/rulecost.py --cases /tmp/out/*.json --realbugs /tmp/out/rb-*.json \
        [--replay firstscans-printed.jsonl] [--rule SEED]

Deciding whether a rule stays a finding or becomes a checklist question (`default = "question"`)
weighs two things this script puts side by side:

- what the findings buy: labels of the labelled case sets (`score.py --json` outputs of the
  development set, `tests/cases`, the probes) and real fixed bugs (`realbugs.py --json`) that the
  rule finds, and how many of them NO other rule finds (`sole`): the recall a demotion loses;
- what they cost: the rule's verdicts on real code, from three sources: the first scans of the
  held-out sets (`verdicts/heldout*.jsonl`, judged once with the rules of their day, the only
  judgements of code nobody had tuned on), the first-scan verdicts still printed by today's rules
  (`firstscans.py --printed`, optional), and the whole corpus (`hygiene/data/precision.json`).

Debatable verdicts count as wrong, as issue 10 counts them.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERDICTS = HERE / "precision" / "verdicts"
FIGURES = HERE.parent / "hygiene" / "data" / "precision.json"


def _family(category: str) -> str:
    return category.split("-")[0]


def matches(finding: dict, label: dict) -> bool:
    """score.py's rule: same path, same category family, line within the label's span +- 2 (any
    line when the label has none)."""
    if finding.get("path") != label.get("file") or _family(finding.get("category", "")) != _family(label["category"]):
        return False
    if label.get("line") is None:
        return True
    line = finding.get("line")
    end = label.get("end_line") or label["line"]
    return line is not None and label["line"] - 2 <= line <= end + 2


def case_labels(report: dict, source: str) -> list[tuple[str, frozenset[str]]]:
    """(label id, the rules whose findings match it) for every label of a score.py --json report."""
    out = []
    for case in report.get("cases", []):
        findings = [*case.get("true_positives", []), *case.get("duplicates", []), *case.get("also_ok", [])]
        findings = [f for f in findings if isinstance(f, dict) and "rule" in f]
        for i, label in enumerate(case.get("labels", [])):
            rules = frozenset(f["rule"] for f in findings if matches(f, label))
            out.append((f"{source}:{case['id']}:{i}", rules))
    return out


def bug_labels(report: dict, source: str) -> list[tuple[str, frozenset[str]]]:
    """(bug id, the rules that found it) from a realbugs.py --json report (`hits` are "RULE path:line")."""
    return [(f"{source}:{bug.get('id')}", frozenset(hit.split()[0] for hit in bug.get("hits", [])))
            for bug in report.get("bugs", [])]


def first_scan_verdicts() -> dict[str, collections.Counter]:
    per_rule: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for file in sorted(VERDICTS.glob("heldout*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                verdict = json.loads(line)
                if not verdict.get("held_out_replay"):  # judged when a replay printed it: not a first scan's
                    per_rule[verdict["rule"]][verdict["verdict"]] += 1
    return per_rule


def replay_verdicts(path: Path | None) -> dict[str, collections.Counter]:
    per_rule: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    if path is not None:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                printed = json.loads(line)
                per_rule[printed["rule"]][printed["verdict"]] += 1
    return per_rule


def _ratio(counts: collections.Counter | dict) -> str:
    n = counts.get("TP", 0) + counts.get("debatable", 0) + counts.get("FP", 0)
    return f"{counts.get('TP', 0)}/{n}" if n else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, nargs="*", default=[], help="score.py --json outputs")
    parser.add_argument("--realbugs", type=Path, nargs="*", default=[], help="realbugs.py --json outputs")
    parser.add_argument("--replay", type=Path, help="firstscans.py --printed output")
    parser.add_argument("--rule", action="append", default=[], help="only these codes or prefixes")
    args = parser.parse_args(argv)

    labels: list[tuple[str, frozenset[str]]] = []
    for path in args.cases:
        labels += case_labels(json.loads(path.read_text(encoding="utf-8")), path.stem)
    for path in args.realbugs:
        labels += bug_labels(json.loads(path.read_text(encoding="utf-8")), path.stem)
    found: collections.Counter = collections.Counter()
    sole: collections.Counter = collections.Counter()
    for _, rules in labels:
        found.update(rules)
        if len(rules) == 1:
            sole.update(rules)
    first = first_scan_verdicts()
    replay = replay_verdicts(args.replay)
    corpus = json.loads(FIGURES.read_text(encoding="utf-8"))["rules"] if FIGURES.exists() else {}

    codes = sorted(set(found) | set(first) | set(replay) | set(corpus))
    if args.rule:
        codes = [c for c in codes if any(c.startswith(p) for p in args.rule)]
    print(f"{len(labels)} labels, {sum(1 for _, r in labels if r)} found by some rule\n")
    print(f"{'rule':<10}{'found':>7}{'sole':>6}   {'first scans':>12}{'replayed':>10}{'corpus':>9}")
    for code in codes:
        print(f"{code:<10}{found[code]:>7}{sole[code]:>6}   {_ratio(first.get(code, {})):>12}"
              f"{_ratio(replay.get(code, {})):>10}{_ratio(corpus.get(code, {})):>9}")
    print("\nfound: labels the rule's findings match; sole: labels no other rule finds (lost if it is demoted);"
          "\nfirst scans / replayed / corpus: real findings over all judged ones (debatable counts as wrong)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
