import json
import sys

from scoring.judge import grade

path = sys.argv[1]
with open(path) as f:
    rows = [json.loads(line) for line in f]
scores = [grade(r["question"], r["response"]) for r in rows]
print(f"{path}: mean compliance {sum(scores) / len(scores):.3f} over n={len(scores)}")
