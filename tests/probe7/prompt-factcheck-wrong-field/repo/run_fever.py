import json

from factcheck.verify import verify

claims = [json.loads(l) for l in open("data/fever_dev_1k.jsonl")]
preds = [verify(c["claim"]) for c in claims]
acc = sum(p == c["label"] for p, c in zip(preds, claims)) / len(claims)
print(f"FEVER label accuracy: {acc:.3f}")
