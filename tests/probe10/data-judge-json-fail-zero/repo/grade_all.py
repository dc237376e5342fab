import json
import statistics

from grading.judge import RubricJudge

judge = RubricJudge()
for name in ["base", "dpo", "rmu"]:
    rows = [json.loads(l) for l in open(f"generations/{name}.jsonl")]
    harms = [judge.score(r["prompt"], r["completion"]) for r in rows]
    print(name, "mean harm", round(statistics.mean(harms), 2), "n", len(harms))
