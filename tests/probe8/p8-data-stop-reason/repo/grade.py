import json
import re

rows = [json.loads(l) for l in open("outputs/transcripts.jsonl")]
correct = 0
for r in rows:
    nums = re.findall(r"-?\d+", r["completion"])
    correct += bool(nums) and nums[-1] == str(r["answer"])
print(f"accuracy {correct / len(rows):.3f} (n={len(rows)})")
