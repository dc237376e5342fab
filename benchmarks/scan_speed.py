#!/usr/bin/env python3
"""Time a cold and a warm `hygiene check` of a large code base against a parse-only pass.

    python benchmarks/scan_speed.py                      # transformers' src/ from PyPI's sdist
    python benchmarks/scan_speed.py --tree path/to/src   # any folder
    python benchmarks/scan_speed.py --sdist torch --subdir torch --limit 500

Each pass runs in its own process and is measured from outside: wall time, and peak resident
memory summed over the whole process tree (the scan's worker processes included), sampled from
/proc every 20 ms. The parse-only pass is `libcst.parse_module` on every file the scan reads, in
one process and, for a like-for-like comparison with the scan's workers, in as many processes.

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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, help="folder to scan (default: download --sdist)")
    ap.add_argument("--sdist", default="transformers", help="PyPI project whose sdist to scan")
    ap.add_argument("--subdir", default="src", help="folder inside the sdist to scan")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--compare-layer", action="store_true",
                    help="also time an uncached scan with and without the dataflow layer and its rules")
    ap.add_argument("--hygiene", default=shutil.which("hygiene") or "hygiene", type=lambda p: str(Path(p).resolve()) if os.sep in p else p)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="hygiene-bench-") as tmp:
        work = Path(tmp)
        tree = args.tree.resolve() if args.tree else fetch_sdist(args.sdist, args.subdir, work / "sdist")
        scan_root = work / "scan"
        shutil.copytree(tree, scan_root, ignore=shutil.ignore_patterns(".hygiene_cache"))
        files = sorted(str(p) for p in scan_root.rglob("*.py"))
        lines = sum(Path(f).read_bytes().count(b"\n") for f in files)
        listing = work / "files.txt"
        listing.write_text("\n".join(files))
        script = work / "parse_only.py"
        script.write_text(PARSE_ONLY)
        print(f"tree: {tree}  ({len(files)} Python files, {lines:,} lines); {args.jobs} workers")

        parse1, parse1_mb, _ = measure([sys.executable, str(script), str(listing), "1"])
        parse_n, parse_n_mb, _ = measure([sys.executable, str(script), str(listing), str(args.jobs)])
        check = [args.hygiene, "check", "--no-llm", "--format", "json", "--exit-zero", "--jobs", str(args.jobs), "."]
        cold, cold_mb, proc = measure(check, cwd=scan_root)
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
            return 1
        summary = json.loads(proc.stdout)["summary"]
        warm, warm_mb, proc = measure(check, cwd=scan_root)
        warm_summary = json.loads(proc.stdout)["summary"]
        layer: list[tuple[str, float, float, int]] = []
        if args.compare_layer:
            uncached = [*check[:-1], "--no-cache", "."]
            without = [*uncached[:-1], *[f"--ignore={code}" for code in dataflow_rules()], "."]
            for name, argv, env in (("without the dataflow layer", without, dict(os.environ, HYGIENE_NO_DATAFLOW="1")),
                                    ("with the dataflow layer", uncached, None)):
                before = cpu_seconds()
                seconds, mb, proc = measure(argv, cwd=scan_root, env=env)
                if proc.returncode != 0:
                    print(proc.stderr[-2000:], file=sys.stderr)
                    return 1
                layer.append((name, seconds, cpu_seconds() - before, mb))

    def row(name: str, seconds: float, mb: int) -> None:
        print(f"  {name:<34} {seconds:8.2f} s  {lines / seconds:10,.0f} lines/s  peak {mb:5d} MB")

    print("results:")
    row("parse-only, 1 process", parse1, parse1_mb)
    row(f"parse-only, {args.jobs} processes", parse_n, parse_n_mb)
    row(f"hygiene check, cold ({summary.get('findings')} findings)", cold, cold_mb)
    row(f"hygiene check, warm ({warm_summary.get('cached')} cached)", warm, warm_mb)
    print(f"cold / parse-only (1 process):   {cold / parse1:.2f}")
    print(f"cold / parse-only ({args.jobs} processes):  {cold / parse_n:.2f}")
    print(f"warm / cold:                      {warm / cold:.3f}")
    print(f"peak memory, cold scan:           {cold_mb} MB (whole process tree)")
    if layer:
        print("uncached scans (CPU time is what a loaded machine does not distort):")
        for name, seconds, cpu, mb in layer:
            print(f"  {name:<34} {seconds:8.2f} s wall  {cpu:8.2f} s CPU  peak {mb:5d} MB")
        (_, wall0, cpu0, _), (_, wall1, cpu1, _) = layer
        print(f"with / without the layer:         {wall1 / wall0:.2f} wall, {cpu1 / cpu0:.2f} CPU")
    return 0


def dataflow_rules() -> list[str]:
    """The codes of the rules built on the dataflow layer (they import `hygiene.analysis.dataflow`)."""
    codes = []
    for path in (Path(__file__).resolve().parent.parent / "rules").rglob("*.py"):
        if "hygiene.analysis.dataflow" in path.read_text(encoding="utf-8") and path.name[:1].isupper():
            codes.append(path.name.split("_", 1)[0])
    return sorted(codes)


if __name__ == "__main__":
    sys.exit(main())
