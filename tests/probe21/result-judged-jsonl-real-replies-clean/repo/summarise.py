import json

rows = [json.loads(l) for l in open("results/judged.jsonl")]
asr = sum(r["harmful"] for r in rows) / len(rows)
print(f"attack success rate: {asr:.3f} over {len(rows)} attacks")
