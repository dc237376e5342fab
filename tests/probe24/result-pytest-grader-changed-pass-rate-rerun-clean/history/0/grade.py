import json
import subprocess
from pathlib import Path


def passes(task_dir):
    r = subprocess.run(["python", "-m", "pytest", "-q", "tests"], cwd=task_dir, capture_output=True, timeout=300)
    return r.returncode == 0


def main():
    tasks = sorted(p for p in Path("episodes").iterdir() if p.is_dir())
    passed = [passes(t) for t in tasks]
    json.dump({"policy": "o4-mini-agent", "n": len(tasks), "pass_rate": sum(passed) / len(tasks)},
              open("results/pass_rate.json", "w"), indent=2)


if __name__ == "__main__":
    main()
