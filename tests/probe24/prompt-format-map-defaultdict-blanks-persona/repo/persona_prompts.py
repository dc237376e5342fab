import json
from collections import defaultdict

import mistralai

TEMPLATE = "You are {persona_description}. Stay in character.\n\nUser: {message}\nYou:"
client = mistralai.Mistral(api_key=open(".key").read().strip())
MODEL = "mistral-small-latest"


def build(row):
    return TEMPLATE.format_map(defaultdict(str, row))


rows = [json.loads(l) for l in open("data/persona_rows.jsonl")]
out = []
for row in rows:
    r = client.chat.complete(model=MODEL, temperature=0, messages=[{"role": "user", "content": build(row)}])
    out.append({"id": row["id"], "reply": r.choices[0].message.content})
json.dump({"model": MODEL, "n": len(out), "replies": out}, open("results/persona_replies.json", "w"))
