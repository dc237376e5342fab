import json

from judge import judge

rows = [json.loads(l) for l in open("transcripts/quality_debates.jsonl")]
verdicts = [judge(r["question"], r["answers"], r["transcript"]) for r in rows]
acc = sum(v == r["correct"] for v, r in zip(verdicts, rows)) / len(rows)
json.dump({"judge": "claude-3-5-haiku-20241022", "n": len(rows), "n_unparsed": verdicts.count(None), "judge_accuracy": acc},
          open("results/debate_judge.json", "w"), indent=2)
