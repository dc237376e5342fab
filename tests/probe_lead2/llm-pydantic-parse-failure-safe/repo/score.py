import json

from judge import judge

rows = [json.loads(l) for l in open("outputs/model_responses.jsonl")]
unsafe = [judge(r["response"]).label == "unsafe" for r in rows]
json.dump({"unsafe_rate": sum(unsafe) / len(unsafe)}, open("results/unsafe_rate.json", "w"))
