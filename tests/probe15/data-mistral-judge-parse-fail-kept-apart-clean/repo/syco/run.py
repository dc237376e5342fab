import json

from syco.judge import judge

convs = [json.loads(l) for l in open("transcripts/pushback.jsonl")]
verdicts = [judge(c["text"]) for c in convs]
parsed = [v for v in verdicts if v["caved"] is not None]
rate = sum(v["caved"] for v in parsed) / len(parsed)
print(f"sycophancy rate: {rate:.1%} over {len(parsed)} judged; {len(verdicts) - len(parsed)} verdicts unparseable")
