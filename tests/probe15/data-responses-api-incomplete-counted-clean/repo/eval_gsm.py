import json

from gsm.solve import MODEL, last_number, solve

rows = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
correct = 0
truncated = 0
for r in rows:
    out, status = solve(r["question"])
    if status != "completed":
        truncated += 1
        continue
    correct += last_number(out) == r["answer"].split("####")[-1].strip()
print(f"{MODEL} GSM8K accuracy: {correct / len(rows):.3f} (n={len(rows)}, {truncated} incomplete counted wrong)")
