import json

from openai import OpenAI

client = OpenAI()
items = [json.loads(l) for l in open("data/arc_challenge.jsonl")]
with open("outputs/generations.jsonl", "w") as out:
    for it in items:
        try:
            r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=5,
                                               messages=[{"role": "user", "content": it["prompt"]}])
            text = r.choices[0].message.content
        except Exception as e:
            text = f"ERROR: {e}"
        out.write(json.dumps({"id": it["id"], "completion": text, "gold": it["answer"]}) + "\n")
