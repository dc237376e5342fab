"""Corpus selection of benchmarks/precision.py (a pure function; no mirror, no scan)."""
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("precision_bench", ROOT / "benchmarks" / "precision.py")
precision = importlib.util.module_from_spec(spec)
sys.modules["precision_bench"] = precision
spec.loader.exec_module(precision)

CORPUS = [
    {"repo": "a/tuned"},
    {"repo": "b/first", "held_out": True},
    {"repo": "c/third", "held_out": 3},
    {"repo": "d/third", "held_out": 3},
    {"repo": "e/fourth", "held_out": 4},
]


def names(entries):
    return [e["repo"] for e in entries]


def test_without_filters_every_entry_is_scanned():
    assert names(precision.select(CORPUS, [], None)) == names(CORPUS)


def test_held_out_picks_only_that_numbered_set():
    assert names(precision.select(CORPUS, [], 3)) == ["c/third", "d/third"]


def test_a_boolean_mark_is_no_set_number():
    # True == 1 in Python: the early sets marked `true` must not pass for set 1
    assert precision.select(CORPUS, [], 1) == []


def test_repo_and_held_out_filters_combine():
    assert names(precision.select(CORPUS, ["d/third", "e/fourth"], 3)) == ["d/third"]


def _finding(path, line, related=()):
    return {"rule": "EVAL003", "path": path, "line": line, "fingerprint": f"fp-{path}-{line}",
            "related": [{"path": p, "line": n, "note": note} for p, n, note in related]}


def test_a_verdict_on_a_copy_folded_into_another_finding_is_still_found():
    from hygiene.analysis.copies import COPY_NOTE
    verdicts = [{"repo": "o/r", "rule": "EVAL003", "path": "v1/a.ipynb", "line": 7, "verdict": "TP"},
                {"repo": "o/r", "rule": "EVAL003", "path": "v2/a.ipynb", "line": 9, "verdict": "TP"}]
    findings = [_finding("v2/a.ipynb", 9, related=[("v1/a.ipynb", 7, COPY_NOTE)])]
    pairs, unmatched = precision.match("o/r", findings, verdicts)
    assert [v["path"] for _, v in pairs] == ["v2/a.ipynb"]
    assert unmatched == []


def test_a_related_place_that_is_no_copy_does_not_count_as_found():
    verdicts = [{"repo": "o/r", "rule": "EVAL003", "path": "v1/a.ipynb", "line": 7, "verdict": "TP"}]
    findings = [_finding("v2/a.ipynb", 9, related=[("v1/a.ipynb", 7, "where the seed is set")])]
    _, unmatched = precision.match("o/r", findings, verdicts)
    assert [v["path"] for v in unmatched] == ["v1/a.ipynb"]


spec_first = importlib.util.spec_from_file_location("firstscans_bench", ROOT / "benchmarks" / "firstscans.py")
firstscans = importlib.util.module_from_spec(spec_first)
sys.modules["firstscans_bench"] = firstscans
spec_first.loader.exec_module(firstscans)


def test_first_scan_verdicts_come_from_the_set_of_the_entry():
    assert firstscans.set_of({"repo": "a/b", "held_out": True}) == "heldout"
    assert firstscans.set_of({"repo": "a/b", "held_out": 7}) == "heldout7"
    assert firstscans.set_of({"repo": "a/b"}) is None


def test_replay_counts_printed_gone_and_new_findings():
    verdicts = [{"repo": "o/r", "rule": "SEED003", "path": "t.py", "line": 3, "fingerprint": "x", "verdict": "TP"},
                {"repo": "o/r", "rule": "SEED003", "path": "u.py", "line": 5, "fingerprint": "y", "verdict": "FP"},
                {"repo": "o/r", "rule": "DATA001", "path": "v.py", "line": 8, "fingerprint": "z", "verdict": "FP"}]
    findings = [{"rule": "SEED003", "path": "t.py", "line": 4, "fingerprint": "x"},      # moved, same identity
                {"rule": "DATA001", "path": "w.py", "line": 1, "fingerprint": "n"}]      # never judged
    counts = firstscans.tally(*precision.match("o/r", findings, verdicts))
    assert counts == {"TP": 1, "new": 1, "gone FP": 2}
    # a new finding counts as wrong until someone judges it: 1 real of 2 printed
    assert firstscans.replayed(counts) == "0.50"


def test_a_new_finding_judged_later_counts_with_its_later_verdict():
    first = [{"repo": "o/r", "rule": "SEED003", "path": "t.py", "line": 3, "fingerprint": "x", "verdict": "TP"}]
    later = [{"repo": "o/r", "rule": "SEED004", "path": "n.ipynb", "line": 9, "fingerprint": "k", "verdict": "debatable",
              "held_out_replay": True}]
    findings = [{"rule": "SEED003", "path": "t.py", "line": 3, "fingerprint": "x"},
                {"rule": "SEED004", "path": "n.ipynb", "line": 9, "fingerprint": "k"},   # judged by a replay
                {"rule": "DATA001", "path": "w.py", "line": 1, "fingerprint": "n"}]      # never judged
    pairs, unmatched = precision.match("o/r", findings, first)
    counts = firstscans.tally(pairs, unmatched, later, "o/r")
    assert counts == {"TP": 1, "new debatable": 1, "new": 1}
    assert firstscans.replayed(counts) == "0.33"


def test_replay_verdicts_are_not_first_scan_verdicts(tmp_path, monkeypatch):
    rows = [{"repo": "o/r", "rule": "SEED003", "path": "t.py", "line": 3, "verdict": "TP"},
            {"repo": "o/r", "rule": "SEED004", "path": "u.py", "line": 4, "verdict": "FP", "held_out_replay": True}]
    (tmp_path / "heldout9.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    monkeypatch.setattr(firstscans.precision, "VERDICTS", tmp_path)
    assert [v["rule"] for v in firstscans.first_verdicts("heldout9")] == ["SEED003"]


def test_a_checkout_moves_between_two_commits_whose_mirrors_lack_different_large_files(tmp_path: Path) -> None:
    # A mirror may list large files without their content. Checked out at one commit with its
    # missing file left out, the work tree then moved to a commit missing another file: setting the
    # new sparse patterns made git re-read the first commit's absent file and fail (realbugs.py on
    # two bugs of one repository). Both commits' absent files are left out now.
    import subprocess

    def git(*args: str, cwd: Path) -> str:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()

    source = tmp_path / "mirror" / "owner+name" / "repo"
    source.mkdir(parents=True)
    git("init", "-q", cwd=source)
    git("config", "user.email", "t@example.com", cwd=source)
    git("config", "user.name", "t", cwd=source)
    (source / "code.py").write_text("x = 1\n")
    (source / "big1.json").write_text('{"a": 1}\n')
    git("add", ".", cwd=source)
    git("commit", "-qm", "one", cwd=source)
    first = git("rev-parse", "HEAD", cwd=source)
    (source / "big2.json").write_text('{"b": 2}\n')
    (source / "code.py").write_text("x = 2\n")
    git("rm", "-q", "big1.json", cwd=source)  # the second commit no longer has the first one's large file
    git("add", ".", cwd=source)
    git("commit", "-qm", "two", cwd=source)
    second = git("rev-parse", "HEAD", cwd=source)
    for ref in (f"{first}:big1.json", f"{second}:big2.json"):  # the mirror keeps tree entries, not content
        blob = git("rev-parse", ref, cwd=source)
        (source / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    work = tmp_path / "work"
    work.mkdir()
    entry = {"repo": "owner/name", "commit": first}
    repo = precision.checkout(entry, tmp_path / "mirror", work)
    assert repo is not None and (repo / "code.py").read_text() == "x = 1\n"
    repo = precision.checkout({**entry, "commit": second}, tmp_path / "mirror", work)
    assert repo is not None and (repo / "code.py").read_text() == "x = 2\n"
    assert not (repo / "big1.json").exists() and not (repo / "big2.json").exists()


def test_a_missing_file_whose_name_holds_glob_characters_is_left_out(tmp_path: Path) -> None:
    # wikidetox lists "Wikipedia Toxicity Sorted (Toxicity@5[Alpha]).html" without its content: as a
    # sparse pattern, `[Alpha]` is a character class that does not match the file itself, so git
    # tried to check the absent blob out and failed (held-out real bugs 16).
    import subprocess

    def git(*args: str, cwd: Path) -> str:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()

    source = tmp_path / "mirror" / "owner+name" / "repo"
    source.mkdir(parents=True)
    git("init", "-q", cwd=source)
    git("config", "user.email", "t@example.com", cwd=source)
    git("config", "user.name", "t", cwd=source)
    (source / "code.py").write_text("x = 1\n")
    odd = "Sorted (Tox@5[Alpha]) *?.html"
    (source / odd).write_text("<html></html>\n")
    git("add", ".", cwd=source)
    git("commit", "-qm", "one", cwd=source)
    commit = git("rev-parse", "HEAD", cwd=source)
    blob = git("rev-parse", f"{commit}:{odd}", cwd=source)
    (source / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    work = tmp_path / "work"
    work.mkdir()
    repo = precision.checkout({"repo": "owner/name", "commit": commit}, tmp_path / "mirror", work)
    assert repo is not None and (repo / "code.py").read_text() == "x = 1\n"
    assert not (repo / odd).exists()


def test_a_kept_report_is_read_back_for_its_commit_only(tmp_path):
    import pytest
    entry = {"repo": "o/r", "commit": "a" * 40}
    report = {"summary": {"lines": 10}, "findings": [], "diagnostics": []}
    precision.keep_report(tmp_path, entry, report)
    assert (tmp_path / "o+r.json").exists()
    assert precision.kept_report(tmp_path, entry) == report
    with pytest.raises(RuntimeError, match="pins"):
        precision.kept_report(tmp_path, {"repo": "o/r", "commit": "b" * 40})
    with pytest.raises(RuntimeError, match="no kept report"):
        precision.kept_report(tmp_path, {"repo": "o/other", "commit": "a" * 40})
