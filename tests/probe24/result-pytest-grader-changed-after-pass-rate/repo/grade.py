import hashlib
import json
import subprocess
from pathlib import Path

ORIGINAL_TESTS = json.load(open("data/test_hashes.json"))


def tests_untouched(task_dir):
    for f in sorted((task_dir / "tests").glob("*.py")):
        if hashlib.sha256(f.read_bytes()).hexdigest() != ORIGINAL_TESTS[task_dir.name][f.name]:
            return False
    return True


def passes(task_dir):
    if not tests_untouched(task_dir):
        return False
    r = subprocess.run(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=task_dir,
                       capture_output=True, timeout=300)
    return r.returncode == 0 and b"passed" in r.stdout


def main():
    tasks = sorted(p for p in Path("episodes").iterdir() if p.is_dir())
    passed = [passes(t) for t in tasks]
    json.dump({"policy": "o4-mini-agent", "n": len(tasks), "pass_rate": sum(passed) / len(tasks)},
              open("results/pass_rate.json", "w"), indent=2)


if __name__ == "__main__":
    main()
