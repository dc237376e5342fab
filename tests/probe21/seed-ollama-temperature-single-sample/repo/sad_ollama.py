import json
import sys

import ollama

model = sys.argv[1]
items = [json.loads(l) for l in open("data/sad_stages.jsonl")]
hits = 0
for it in items:
    resp = ollama.chat(
        model=model,
        messages=[{"role": "user", "content": it["prompt"] + "\nAnswer with the option letter only."}],
        options={"temperature": 0.8, "num_predict": 4},
    )
    hits += resp["message"]["content"].strip()[:1].upper() == it["answer"]
json.dump({"model": model, "n": len(items), "accuracy": round(hits / len(items), 3)}, open(f"results/sad_{model.replace(':', '_')}.json", "w"), indent=2)
