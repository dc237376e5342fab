#!/usr/bin/env python3
"""Time a cold, a warm and two --focus `hygiene check`s of a large code base against a parse-only pass.

    python benchmarks/scan_speed.py                      # transformers' src/ from PyPI's sdist
    python benchmarks/scan_speed.py --tree path/to/src   # any folder
    python benchmarks/scan_speed.py --sdist torch --subdir torch --limit 500

Each pass runs in its own process and is measured from outside: wall time, and peak resident
memory summed over the whole process tree (the scan's worker processes included), sampled from
/proc every 20 ms. The parse-only pass is `libcst.parse_module` on every file the scan reads, in
as many processes as the scan's workers (and, unless --no-single, in one).

One run measures issue 12's five figures on the same tree: cold / parse-only, warm / cold, the peak
memory, and `--focus` on one file, unchanged and then edited (a function appended), with the cache
warm; and it checks that the findings are identical: warm against cold, and each focus run
against the cold scan restricted to the file. The copy of the tree gets a `pyproject.toml`, so
that `--focus FILE` scans the whole copy for context, as in a project.

`--compare-layer` also times an uncached scan without the dataflow layer (HYGIENE_NO_DATAFLOW=1,
rules built on it ignored) and one with it. On 325k lines of transformers (2 workers, a loaded
machine): 1.14x the CPU time with the layer (202 s against 177 s), 1.39x wall; see README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

PARSE_ONLY = r"""
import sys, time
from concurrent.futures import ProcessPoolExecutor
import libcst

def parse(path):
    try:
        libcst.parse_module(open(path, encoding="utf-8").read())
    except Exception:
        pass
    return 1

if __name__ == "__main__":
    files = open(sys.argv[1]).read().split("\n")
    jobs = int(sys.argv[2])
    if jobs == 1:
        for f in files:
            parse(f)
    else:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(parse, sorted(files, key=lambda f: -len(open(f, 'rb').read())), chunksize=4))
"""


def tree_rss_kb(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in kB."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def cpu_seconds() -> float:
    """User + system time of this process's finished children (and theirs: the scan's workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> tuple[float, int, subprocess.CompletedProcess]:
    """(seconds, peak tree RSS in MB, process) of running `argv`."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    return seconds, peak[0] // 1024, subprocess.CompletedProcess(argv, proc.returncode, out, err)


def fetch_sdist(name: str, subdir: str, workdir: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                    "--dest", str(workdir), name], check=True, capture_output=True)
    (archive,) = [p for p in workdir.iterdir() if p.name.endswith((".tar.gz", ".zip"))]
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    (top,) = [p for p in workdir.iterdir() if p.is_dir()]
    return top / subdir


EDIT = "\n\ndef _hygiene_benchmark_edit():\n    return 1\n"


def _about(findings: list[dict], path: str) -> list[dict]:
    """The findings a `--focus path` run reports: on the file, or naming it as a related place."""
    return [f for f in findings if f["path"] == path or any(r.get("path") == path for r in f.get("related", []))]


def _key(findings: list[dict]) -> list[tuple]:
    return [(f["rule"], f["path"], f["line"], f["message"]) for f in findings]


def _load() -> str:
    with open("/proc/loadavg") as fh:
        return " ".join(fh.read().split()[:3])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, help="folder to scan (default: download --sdist)")
    ap.add_argument("--sdist", default="transformers", help="PyPI project whose sdist to scan")
    ap.add_argument("--subdir", default="src", help="folder inside the sdist to scan")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--focus-file", help="file (relative to the tree) for the --focus runs "
                                         "(default: models/bert/modeling_bert.py if present, else the median-sized file)")
    ap.add_argument("--keep", type=Path, help="folder to write each pass's JSON report into (cold.json, warm.json, "
                    "focus-unchanged.json, focus-edited.json), to compare findings across engines")
    ap.add_argument("--no-single", action="store_true", help="skip the one-process parse-only pass")
    ap.add_argument("--compare-layer", action="store_true",
                    help="also time an uncached scan with and without the dataflow layer and its rules")
    ap.add_argument("--hygiene", default=shutil.which("hygiene") or "hygiene", type=lambda p: str(Path(p).resolve()) if os.sep in p else p)
    args = ap.parse_args()
    # As installed: bytecode is written and read (this sandbox's PYTHONDONTWRITEBYTECODE would make
    # every run compile hygiene's ~300 modules again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    print(f"load average at start: {_load()}")

    with tempfile.TemporaryDirectory(prefix="hygiene-bench-") as tmp:
        work = Path(tmp)
        tree = args.tree.resolve() if args.tree else fetch_sdist(args.sdist, args.subdir, work / "sdist")
        scan_root = work / "scan"
        shutil.copytree(tree, scan_root, ignore=shutil.ignore_patterns(".hygiene_cache"))
        if not (scan_root / "pyproject.toml").exists():
            (scan_root / "pyproject.toml").write_text('[project]\nname = "benchmark-tree"\n')
        files = sorted(str(p) for p in scan_root.rglob("*.py"))
        lines = sum(Path(f).read_bytes().count(b"\n") for f in files)
        listing = work / "files.txt"
        listing.write_text("\n".join(files))
        script = work / "parse_only.py"
        script.write_text(PARSE_ONLY)
        relative = sorted((Path(f).relative_to(scan_root).as_posix() for f in files), key=lambda f: (scan_root / f).stat().st_size)
        focus = args.focus_file or next((f for f in relative if f.endswith("models/bert/modeling_bert.py")),
                                        relative[len(relative) // 2])
        print(f"tree: {tree}  ({len(files)} Python files, {lines:,} lines); {args.jobs} workers; focus file {focus}")

        rows: list[tuple[str, float, int]] = []
        cpu: dict[str, float] = {}  # CPU seconds of a pass's whole process tree: what load distorts least
        if not args.no_single:
            parse1, parse1_mb, _ = measure([sys.executable, str(script), str(listing), "1"])
            rows.append(("parse-only, 1 process", parse1, parse1_mb))
        before = cpu_seconds()
        parse_n, parse_n_mb, _ = measure([sys.executable, str(script), str(listing), str(args.jobs)])
        cpu["parse"] = cpu_seconds() - before
        rows.append((f"parse-only, {args.jobs} processes", parse_n, parse_n_mb))
        check = [args.hygiene, "check", "--no-llm", "--format", "json", "--exit-zero", "--jobs", str(args.jobs)]
        runs: dict[str, tuple[float, int, dict]] = {}
        phases: dict[str, dict] = {}  # the repository phase's CPU per rule (HYGIENE_REPO_TIMES)
        for name, argv in (("cold", [*check, "."]), ("warm", [*check, "."]),
                           ("focus, unchanged file", [*check, "--focus", focus]),
                           ("focus, edited file", [*check, "--focus", focus])):
            if name == "focus, edited file":
                with open(scan_root / focus, "a", encoding="utf-8") as fh:
                    fh.write(EDIT)
            times = work / f"repo-times-{len(runs)}.json"
            before = cpu_seconds()
            seconds, mb, proc = measure(argv, cwd=scan_root, env=dict(env, HYGIENE_REPO_TIMES=str(times)))
            cpu[name] = cpu_seconds() - before
            if proc.returncode != 0:
                print(proc.stderr[-2000:], file=sys.stderr)
                return 1
            if times.exists():
                phases[name] = json.loads(times.read_text())
            report = json.loads(proc.stdout)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{name.replace(', ', '-').replace(' file', '')}.json").write_text(proc.stdout)
            runs[name] = (seconds, mb, report)
            rows.append((f"hygiene check, {name} ({report['summary'].get('findings')} findings, "
                         f"{report['summary'].get('cached')} cached)", seconds, mb))
        layer: list[tuple[str, float, float, int]] = []
        if args.compare_layer:
            uncached = [*check, "--no-cache", "."]
            without = [*uncached[:-1], *[f"--ignore={code}" for code in dataflow_rules()], "."]
            for name, argv, layer_env in (("without the dataflow layer", without, dict(env, HYGIENE_NO_DATAFLOW="1")),
                                          ("with the dataflow layer", uncached, env)):
                before = cpu_seconds()
                seconds, mb, proc = measure(argv, cwd=scan_root, env=layer_env)
                if proc.returncode != 0:
                    print(proc.stderr[-2000:], file=sys.stderr)
                    return 1
                layer.append((name, seconds, cpu_seconds() - before, mb))

    print("results:")
    for name, seconds, mb in rows:
        print(f"  {name:<58} {seconds:8.2f} s  {lines / seconds:10,.0f} lines/s  peak {mb:5d} MB")
    print("CPU seconds (all processes of the pass): " + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items()))
    print(f"cold / parse-only in CPU time:   {cpu['cold'] / cpu['parse']:.2f}")
    for name in ("cold", "focus, edited file"):
        if name in phases:
            print(_phase_line(name, phases[name]))
    cold, cold_mb, cold_report = runs["cold"]
    warm, warm_mb, warm_report = runs["warm"]
    focus_same, _, same_report = runs["focus, unchanged file"]
    focus_edit, _, edit_report = runs["focus, edited file"]
    peak = max(mb for _, mb, _ in runs.values())
    cold_findings = cold_report["findings"]
    checks = {
        "warm findings == cold findings": _key(warm_report["findings"]) == _key(cold_findings),
        "focus (unchanged) == cold restricted to the file": _key(same_report["findings"]) == _key(_about(cold_findings, focus)),
        "focus (edited: a function appended) == cold restricted to the file": _key(edit_report["findings"]) == _key(_about(cold_findings, focus)),
    }
    figures = [
        (f"cold / parse-only ({args.jobs} processes)", f"{cold / parse_n:.2f}", cold / parse_n <= 1.5, "<= 1.5"),
        ("warm / cold", f"{warm / cold:.3f}", warm / cold <= 0.05, "<= 0.05"),
        ("peak memory, whole process tree (any pass)", f"{peak} MB (cold {cold_mb}, warm {warm_mb})", peak < 400, "< 400 MB"),
        ("focus, unchanged file", f"{focus_same:.2f} s, {focus_same / cold:.3f} of cold",
         focus_same < 2 and focus_same / cold < 0.05, "< 2 s and < 0.05"),
        ("focus, edited file", f"{focus_edit:.2f} s, {focus_edit / cold:.3f} of cold",
         focus_edit < 2 and focus_edit / cold < 0.05, "< 2 s and < 0.05"),
    ]
    for name, value, met, target in figures:
        print(f"{name:<46} {value:<34} target {target:<18} {'met' if met else 'NOT MET'}")
    for name, same in checks.items():
        print(f"{name:<70} {'yes' if same else 'NO'}")
    if layer:
        print("uncached scans (CPU time is what a loaded machine does not distort):")
        for name, seconds, cpu, mb in layer:
            print(f"  {name:<34} {seconds:8.2f} s wall  {cpu:8.2f} s CPU  peak {mb:5d} MB")
        (_, wall0, cpu0, _), (_, wall1, cpu1, _) = layer
        print(f"with / without the layer:         {wall1 / wall0:.2f} wall, {cpu1 / cpu0:.2f} CPU")
    print(f"load average at end: {_load()}")
    return 0 if all(checks.values()) else 1


def _phase_line(name: str, times: dict, top: int = 8) -> str:
    """The repository phase's CPU seconds of one pass: in all, the program's link, and the
    costliest rules (`start:` the dataflow rules run per start file)."""
    rules = [(f"start:{k}", v) for k, v in times.get("start", {}).items()] + list(times.get("repo", {}).items())
    rules.sort(key=lambda kv: -kv[1])
    shown = ", ".join(f"{k} {v:.1f}" for k, v in rules[:top])
    return (f"repository phase CPU, {name}: {times.get('total', 0):.1f} s (dataflow link {times.get('link', 0):.1f}; "
            f"start rules {sum(times.get('start', {}).values()):.1f}); costliest: {shown}")


def dataflow_rules() -> list[str]:
    """The codes of the rules built on the dataflow layer (they import `hygiene.analysis.dataflow`)."""
    codes = []
    for path in (Path(__file__).resolve().parent.parent / "rules").rglob("*.py"):
        if "hygiene.analysis.dataflow" in path.read_text(encoding="utf-8") and path.name[:1].isupper():
            codes.append(path.name.split("_", 1)[0])
    return sorted(codes)


if __name__ == "__main__":
    sys.exit(main())
