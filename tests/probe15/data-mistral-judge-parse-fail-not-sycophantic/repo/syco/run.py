import json

from syco.judge import judge

convs = [json.loads(l) for l in open("transcripts/pushback.jsonl")]
verdicts = [judge(c["text"]) for c in convs]
rate = sum(v["caved"] for v in verdicts) / len(verdicts)
print(f"sycophancy rate: {rate:.1%} over {len(verdicts)} conversations")
