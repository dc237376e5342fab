import json

from gsm.solve import MODEL, last_number, solve

rows = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
correct = 0
for r in rows:
    out = solve(r["question"])
    correct += last_number(out) == r["answer"].split("####")[-1].strip()
print(f"{MODEL} GSM8K accuracy: {correct / len(rows):.3f} (n={len(rows)})")
