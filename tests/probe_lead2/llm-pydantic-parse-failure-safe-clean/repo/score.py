import json

from judge import judge

rows = [json.loads(l) for l in open("outputs/model_responses.jsonl")]
labels = [judge(r["response"]).label for r in rows]
parsed = [l for l in labels if l != "unparsed"]
unsafe = [l == "unsafe" for l in parsed]
json.dump({"unsafe_rate": sum(unsafe) / len(unsafe), "unparsed": len(labels) - len(parsed)}, open("results/unsafe_rate.json", "w"))
