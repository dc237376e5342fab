import json

items = {r["id"]: r for r in map(json.loads, open("data/eval_items.jsonl"))}
replies = [json.loads(l) for l in open("outputs/replies.jsonl")]
acc = sum(r["pred"] == items[r["id"]]["answer"] for r in replies) / len(replies)
json.dump({"model": replies[0]["model"], "n": len(replies), "accuracy": round(acc, 4)}, open("results/accuracy.json", "w"), indent=2)
