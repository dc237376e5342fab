import json

from openai import OpenAI

client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
MODEL = "meta-llama/Llama-3.1-8B-Instruct"

rows = [json.loads(l) for l in open("data/strategyqa_dev.jsonl")]
out = []
for row in rows:
    resp = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": row["question"] + "\nReason step by step. Last line: yes or no."}],
        temperature=0,
        max_tokens=200,
    )
    text = resp.choices[0].message.content
    last = text.strip().splitlines()[-1].lower()
    pred = "yes" if "yes" in last else "no"
    out.append({"qid": row["qid"], "pred": pred, "gold": row["answer"]})

acc = sum(r["pred"] == r["gold"] for r in out) / len(out)
json.dump({"model": MODEL, "n": len(out), "accuracy": acc}, open("results/strategyqa.json", "w"))
