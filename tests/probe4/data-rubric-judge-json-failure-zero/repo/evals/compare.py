import json
import statistics

from evals.judge import RubricJudge

judge = RubricJudge()
prompts = [json.loads(l) for l in open("data/alpaca_eval_200.jsonl")]
table = {}
for name in ("sft-llama3-8b", "dpo-llama3-8b"):
    answers = [json.loads(l) for l in open(f"generations/{name}.jsonl")]
    scores = [judge.score(p["instruction"], a["output"]) for p, a in zip(prompts, answers)]
    table[name] = {"mean": statistics.mean(scores), "stdev": statistics.stdev(scores), "n": len(scores)}
json.dump(table, open("results/helpfulness.json", "w"), indent=2)
print(table)
