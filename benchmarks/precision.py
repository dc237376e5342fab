"""Precision on real research code: scan the pinned corpus, match findings to verdicts, print figures.

    python benchmarks/precision.py                       # every repo of the corpus, table per rule
    python benchmarks/precision.py --repo openai/evals   # one repo
    python benchmarks/precision.py --held-out 3          # only the held-out set numbered 3
    python benchmarks/precision.py --unjudged new.jsonl  # findings nobody judged yet, as verdict stubs
    python benchmarks/precision.py --write-figures       # per-rule precision into hygiene/data/precision.json
    python benchmarks/precision.py --reports DIR         # also keep each repository's report in DIR
    python benchmarks/precision.py --from-reports DIR    # match the kept reports to the verdicts again, no scan

A whole-corpus scan takes hours; judging its findings changes only the verdicts. `--reports DIR` keeps
each repository's hygiene report (`DIR/<owner>+<name>.json`, with the commit it scanned), and
`--from-reports DIR` re-reads them instead of checking out and scanning, so the table, `--unjudged`
and `--write-figures` can be redone after judging. A kept report of another commit than the corpus
pins is not used (the repository is listed as failed), and `--write-figures` needs every repository
unless `--partial` is given: then the figures count only the repositories with a report, and name the
others under `left_out`.

The corpus (`precision/corpus.json`) names public repositories pinned by commit. They are checked
out from local mirrors (`--mirror`, laid out as `<owner>+<name>/repo`, a bare git directory, which is
what the workplace's `fetch` makes) into `--work` with their history, and scanned with
`python -m hygiene check --format json --no-llm --checklist off` of the interpreter that runs this
script, so install the working tree first (`pip install -e .`).

Verdicts live in `precision/verdicts/*.jsonl`, one object a line:

    {"repo": "owner/name", "rule": "SEED001", "path": "train.py", "line": 12,
     "fingerprint": "c44dd91136050be6", "verdict": "TP" | "debatable" | "FP", "reason": "..."}

A verdict matches a finding of the same repo by fingerprint (hygiene's identity of a finding: the
rule, the file and the matched code, not the line), else by rule, path and line. Precision counts
debatable as wrong: TP / judged. A TP verdict whose finding is gone is listed: a real problem the
rules no longer find.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from hygiene.analysis.copies import FOLD_NOTES

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "precision" / "corpus.json"
VERDICTS = HERE / "precision" / "verdicts"
FIGURES = HERE.parent / "hygiene" / "data" / "precision.json"
VERDICT_VALUES = ("TP", "debatable", "FP")


def load_corpus() -> list[dict]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))["repos"]


def load_verdicts() -> list[dict]:
    verdicts = []
    for file in sorted(VERDICTS.glob("*.jsonl")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            entry = json.loads(line)
            if entry.get("verdict") not in VERDICT_VALUES:
                raise SystemExit(f"{file.name}:{number}: verdict must be one of {VERDICT_VALUES}, not {entry.get('verdict')!r}")
            verdicts.append(entry)
    return verdicts


def select(corpus: list[dict], repos: list[str], held_out: int | None) -> list[dict]:
    """The entries named by --repo (all when none) that belong to held-out set `held_out` (any when None).

    A held-out set is numbered (`"held_out": 3`); the first sets were marked `"held_out": true`, which
    is no number and so matches no --held-out (True == 1 in Python, hence the explicit check).
    """
    def in_set(entry: dict) -> bool:
        mark = entry.get("held_out")
        return held_out is None or (type(mark) is int and mark == held_out)
    return [e for e in corpus if (not repos or e["repo"] in repos) and in_set(e)]


def checkout(entry: dict, mirror: Path, work: Path) -> Path | None:
    name = entry["repo"].replace("/", "+")
    target = work / name
    if not target.exists():
        source = mirror / name / "repo"
        if not source.exists():
            print(f"  {entry['repo']}: no mirror at {source}; fetch it first", file=sys.stderr)
            return None
        subprocess.run(["git", "clone", "-q", "--shared", "--no-checkout", str(source), str(target)], check=True)
    git = ["git", "-C", str(target)]
    missing = absent_blobs(target, entry["commit"])
    # The commit checked out now may lack other files: changing the sparse patterns re-reads its
    # tree, so its absent files stay left out too (two bugs of one repository, one after the other).
    current = subprocess.run([*git, "rev-parse", "-q", "--verify", "HEAD"], capture_output=True, text=True).stdout.strip()
    if current and current != entry["commit"]:
        missing = sorted({*missing, *absent_blobs(target, current)})
    if missing:
        # A mirror may list its largest files without their content: leave those out of the work
        # tree (sparse checkout), so the rest checks out and `git status` stays clean.
        subprocess.run([*git, "sparse-checkout", "set", "--no-cone", "/*", *(f"!/{_literal(p)}" for p in missing)],
                       check=True, capture_output=True)
    done = subprocess.run([*git, "checkout", "-q", "--force", "--detach", entry["commit"]], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{entry['repo']}: checkout of {entry['commit']} failed: {done.stderr.strip()[-2000:]}")
    return target


def _literal(path: str) -> str:
    """`path` as a sparse-checkout pattern that matches only itself (a file named `x[Alpha].html`)."""
    return re.sub(r"([][*?\\])", r"\\\1", path)


def absent_blobs(repo: Path, commit: str) -> list[str]:
    tree = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "-z", commit], capture_output=True,
                          check=True).stdout.decode("utf-8", "surrogateescape").split("\0")
    entries = [line.split("\t", 1) for line in tree if line]
    blobs = [(meta.split()[2], path) for meta, path in entries if meta.split()[1] == "blob"]
    check = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch-check"], capture_output=True, check=True,
                           input="".join(sha + "\n" for sha, _ in blobs).encode()).stdout.decode().splitlines()
    return [path for (_, path), line in zip(blobs, check) if line.endswith(" missing")]


def scan(path: Path, jobs: int) -> dict:
    proc = subprocess.run([sys.executable, "-m", "hygiene", "check", "--format", "json", "--no-llm",
                           "--checklist", "off", "-j", str(jobs), str(path)],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        raise RuntimeError(f"hygiene exited {proc.returncode} on {path}: {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout)


def report_file(reports: Path, entry: dict) -> Path:
    return reports / (entry["repo"].replace("/", "+") + ".json")


def keep_report(reports: Path, entry: dict, report: dict) -> None:
    reports.mkdir(parents=True, exist_ok=True)
    report_file(reports, entry).write_text(json.dumps({"commit": entry["commit"], "report": report}), encoding="utf-8")


def kept_report(reports: Path, entry: dict) -> dict:
    """The report kept for this entry by an earlier scan; RuntimeError when none, or of another commit."""
    file = report_file(reports, entry)
    if not file.exists():
        raise RuntimeError(f"no kept report at {file}")
    kept = json.loads(file.read_text(encoding="utf-8"))
    if kept.get("commit") != entry["commit"]:
        raise RuntimeError(f"kept report of {kept.get('commit')}, the corpus pins {entry['commit']}")
    return kept["report"]


def match(repo: str, findings: list[dict], verdicts: list[dict]) -> tuple[list[tuple[dict, dict | None]], list[dict]]:
    """Each finding with its verdict (or None), and the verdicts of this repo that matched nothing."""
    mine = [v for v in verdicts if v["repo"] == repo]
    by_fp = {(v["rule"], v.get("fingerprint")): v for v in mine if v.get("fingerprint")}
    by_place = {(v["rule"], v.get("path"), v.get("line")): v for v in mine}
    used: set[int] = set()
    pairs = []
    for f in findings:
        v = by_fp.get((f["rule"], f.get("fingerprint"))) or by_place.get((f["rule"], f["path"], f.get("line")))
        if v is not None:
            used.add(id(v))
        pairs.append((f, v))
    # A copy of a script folded into the finding on its first copy is still found, as a related place.
    copies = {(f["rule"], r.get("path"), r.get("line")) for f in findings
              for r in f.get("related") or () if r.get("note") in FOLD_NOTES}
    # A finding folded into a group (hygiene.grouping: one decision, one finding) is still reported,
    # in the group's finding: its verdict is not a lost problem, and it is not counted twice.
    folded = {fp for f in findings for fp in (f.get("extra") or {}).get("folded", ())}
    return pairs, [v for v in mine if id(v) not in used and (v["rule"], v.get("path"), v.get("line")) not in copies
                   and v.get("fingerprint") not in folded]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/hygiene-corpus"))
    parser.add_argument("--repo", action="append", default=[], help="only these repos (owner/name)")
    parser.add_argument("--held-out", type=int, help="only the corpus entries of this numbered held-out set")
    parser.add_argument("--rule", action="append", default=[], help="only findings of these codes or prefixes")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--unjudged", type=Path, help="write findings without a verdict here, as verdict stubs")
    parser.add_argument("--write-figures", action="store_true", help=f"write per-rule precision to {FIGURES}")
    parser.add_argument("--json", type=Path, help="write every finding with its verdict here")
    parser.add_argument("--reports", type=Path, help="keep each repository's report in this folder")
    parser.add_argument("--remove-checkouts", action="store_true",
                        help="delete each checkout once it is scanned (the disk is shared)")
    parser.add_argument("--partial", action="store_true",
                        help="with --write-figures: write the figures of the repositories that have a report, "
                             "naming the others under `left_out` (a whole-corpus run cut short)")
    parser.add_argument("--from-reports", type=Path, help="use the reports kept in this folder instead of scanning")
    args = parser.parse_args(argv)

    if not args.from_reports:
        args.work.mkdir(parents=True, exist_ok=True)
    verdicts = load_verdicts()
    corpus = select(load_corpus(), args.repo, args.held_out)
    wanted = (lambda code: any(code.startswith(p) for p in args.rule)) if args.rule else (lambda code: True)

    per_rule: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    rule_repos: dict[str, set[str]] = collections.defaultdict(set)
    lost: list[dict] = []
    unjudged: list[dict] = []
    everything: list[dict] = []
    failed: list[str] = []
    total_lines = 0
    print(f"{'repo':<42} {'kind':<22} {'lines':>8} {'findings':>8} {'per 2k':>7} {'diagn.':>6}")
    for entry in corpus:
        try:
            if args.from_reports:
                report = kept_report(args.from_reports, entry)
            else:
                path = checkout(entry, args.mirror, args.work)
                if path is None:
                    continue
                try:
                    report = scan(path, args.jobs)
                finally:
                    if args.remove_checkouts:
                        shutil.rmtree(path, ignore_errors=True)
                if args.reports:
                    keep_report(args.reports, entry, report)
        except RuntimeError as error:
            # One repository's failure (an internal error of a rule, a crash) is reported and the
            # rest of the corpus is still scanned; the run exits 2 at the end.
            failed.append(entry["repo"])
            print(f"{entry['repo']:<42} FAILED: {str(error)[-400:]}", file=sys.stderr)
            continue
        lines = report["summary"]["lines"]
        total_lines += lines
        findings = [f for f in report["findings"] if wanted(f["rule"])]
        pairs, unmatched = match(entry["repo"], findings, verdicts)
        for finding, verdict in pairs:
            counts = per_rule[finding["rule"]]
            counts["findings"] += 1
            rule_repos[finding["rule"]].add(entry["repo"])
            counts[verdict["verdict"] if verdict else "unjudged"] += 1
            if verdict is None:
                unjudged.append({"repo": entry["repo"], "rule": finding["rule"], "path": finding["path"],
                                 "line": finding.get("line"), "fingerprint": finding.get("fingerprint"),
                                 "verdict": "?", "reason": "", "message": finding["message"]})
            everything.append({"repo": entry["repo"], **finding, "verdict": verdict and verdict["verdict"]})
        lost += [v for v in unmatched if v["verdict"] == "TP" and wanted(v["rule"])]
        per2k = len(findings) / lines * 2000 if lines else 0.0
        print(f"{entry['repo']:<42} {entry['kind']:<22} {lines:>8} {len(findings):>8} {per2k:>7.2f} "
              f"{len(report['diagnostics']):>6}")

    print(f"\n{'rule':<10} {'findings':>8} {'per kLOC':>8} {'TP':>4} {'deb.':>4} {'FP':>4} {'?':>4} {'precision':>9}")
    totals: collections.Counter = collections.Counter()
    for code in sorted(per_rule):
        c = per_rule[code]
        totals.update(c)
        judged = c["TP"] + c["debatable"] + c["FP"]
        precision = f"{c['TP'] / judged:.2f}" if judged else "-"
        print(f"{code:<10} {c['findings']:>8} {c['findings'] / max(total_lines, 1) * 1000:>8.3f} {c['TP']:>4} "
              f"{c['debatable']:>4} {c['FP']:>4} {c['unjudged']:>4} {precision:>9}")
    judged = totals["TP"] + totals["debatable"] + totals["FP"]
    print(f"{'ALL':<10} {totals['findings']:>8} {totals['findings'] / max(total_lines, 1) * 1000:>8.3f} "
          f"{totals['TP']:>4} {totals['debatable']:>4} {totals['FP']:>4} {totals['unjudged']:>4} "
          f"{(totals['TP'] / judged if judged else 0):>9.2f}")
    print(f"\n{total_lines:,} lines in {len(corpus)} repos: {totals['findings'] / max(total_lines, 1) * 2000:.2f} "
          f"findings per 2,000 lines; precision {totals['TP']}/{judged} with debatable counted as wrong")
    if lost:
        print(f"\n{len(lost)} real problems (TP verdicts) no longer found:")
        for v in lost:
            print(f"  {v['repo']} {v['rule']} {v.get('path')}:{v.get('line')}  {v.get('reason', '')}")
    if unjudged:
        print(f"\n{len(unjudged)} findings without a verdict" + (f" (written to {args.unjudged})" if args.unjudged else ""))
        if args.unjudged:
            args.unjudged.write_text("".join(json.dumps(u) + "\n" for u in unjudged), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1), encoding="utf-8")
    if args.write_figures:
        if args.repo or args.rule or args.held_out is not None:
            raise SystemExit("--write-figures needs the whole corpus and every rule")
        scanned = len(corpus) - len(failed)
        figures = {"date": date.today().isoformat(), "repos": scanned, "lines": total_lines, "rules": {}}
        if failed and args.partial:
            figures["left_out"] = sorted(failed)  # not in the figures: no report kept for them yet
        for code, c in sorted(per_rule.items()):
            figures["rules"][code] = {"findings": c["findings"], "TP": c["TP"], "debatable": c["debatable"],
                                      "FP": c["FP"], "unjudged": c["unjudged"], "repos": len(rule_repos[code])}
        if failed and not args.partial:
            raise SystemExit(f"--write-figures: not written, {len(failed)} repositories failed: {', '.join(failed)}")
        FIGURES.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        print(f"figures written to {FIGURES}")
    if failed:
        print(f"\n{len(failed)} repositories failed to scan: {', '.join(failed)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
