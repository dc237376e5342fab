import json

from mistralai import Mistral

client = Mistral()
prompts = [json.loads(l) for l in open("data/prompts.jsonl")]
with open("results/generations.jsonl", "w") as fh:
    for p in prompts:
        try:
            res = client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": p["text"]}])
            out = res.choices[0].message.content
        except Exception as e:
            out = f"ERROR: {e}"
        fh.write(json.dumps({"id": p["id"], "model": "mistral-large-latest", "output": out}) + "\n")
