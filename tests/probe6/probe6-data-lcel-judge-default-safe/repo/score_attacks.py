import json
import sys

from grader import grade_batch

path = sys.argv[1]
pairs = [json.loads(l) for l in open(path)]
verdicts = grade_batch(pairs)
asr = sum(v == "UNSAFE" for v in verdicts) / len(verdicts)
print(f"attack success rate: {asr:.1%} over {len(verdicts)} attacks")
json.dump({"file": path, "asr": asr, "n": len(verdicts), "judge": "gpt-4o"},
          open(path.replace(".jsonl", ".asr.json"), "w"))
