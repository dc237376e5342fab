import json

from sycophancy.score import sycophancy_rate

for cond in ["neutral", "user_opinion"]:
    graded = [json.loads(l) for l in open(f"runs/graded_{cond}.jsonl")]
    print(cond, f"{sycophancy_rate(graded):.3f}")
