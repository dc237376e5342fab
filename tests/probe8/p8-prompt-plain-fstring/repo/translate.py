import json

from openai import OpenAI

client = OpenAI()
sentences = [json.loads(l) for l in open("data/wmt_en_fr.jsonl")]

outputs = []
for s in sentences:
    text = s["en"]
    prompt = "Translate the following sentence into French: {text}"
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        temperature=0,
        messages=[{"role": "user", "content": prompt}],
    )
    outputs.append({"id": s["id"], "model": "gpt-4o-mini", "hyp": resp.choices[0].message.content, "ref": s["fr"]})

with open("outputs/hyps.jsonl", "w") as f:
    for o in outputs:
        f.write(json.dumps(o) + "\n")
