import json
import statistics

from evals.judge import RubricJudge

judge = RubricJudge()
prompts = [json.loads(l) for l in open("data/alpaca_eval_200.jsonl")]
table = {}
for name in ("sft-llama3-8b", "dpo-llama3-8b"):
    answers = [json.loads(l) for l in open(f"generations/{name}.jsonl")]
    scores = [judge.score(p["instruction"], a["output"]) for p, a in zip(prompts, answers)]
    parsed = [s for s in scores if s is not None]
    table[name] = {"mean": statistics.mean(parsed), "n_scored": len(parsed),
                   "n_unparsed": len(scores) - len(parsed), "n": len(scores),
                   "judge": judge.model}
    print(f"{name}: {len(scores) - len(parsed)} of {len(scores)} judge replies unparsed")
json.dump(table, open("results/helpfulness.json", "w"), indent=2)
