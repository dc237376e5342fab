import json

from faithfulness.judge import judge

rows = [json.loads(l) for l in open("data/xsum_summaries.jsonl")]
rate = sum(judge(r["document"], r["summary"]) for r in rows) / len(rows)
print(f"faithful: {rate:.3f} of {len(rows)}")
