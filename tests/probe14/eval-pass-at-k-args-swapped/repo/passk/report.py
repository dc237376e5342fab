import json
from collections import defaultdict

from passk.estimator import pass_at_k


def main():
    per_task = defaultdict(list)
    for line in open("outputs/mbpp_samples_executed.jsonl"):
        r = json.loads(line)
        per_task[r["task_id"]].append(bool(r["passed"]))
    out = {}
    for k in (1, 10):
        vals = []
        for task, results in per_task.items():
            n, c = len(results), sum(results)
            vals.append(pass_at_k(n, k, c))
        out[f"pass@{k}"] = sum(vals) / len(vals)
    out["n_tasks"] = len(per_task)
    out["samples_per_task"] = 20
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
