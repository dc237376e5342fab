import json
import subprocess
from collections import defaultdict

import jsonlines

ok, n = defaultdict(int), defaultdict(int)
with jsonlines.open("results/episodes.jsonl") as reader:
    for ep in reader:
        n[ep["model"]] += 1
        ok[ep["model"]] += bool(ep["success"])
commit = subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], text=True).strip()
json.dump({"benchmark": "webshop-mini", "n_tasks": 500, "commit": commit,
           "success_rate": {m: round(ok[m] / n[m], 3) for m in n}},
          open("results/summary.json", "w"), indent=2)
