import json
import re

from mistralai import Mistral

from prompts import MATH_PROMPT

client = Mistral(api_key=open(".key").read().strip())
rows = [json.loads(l) for l in open("data/math500.jsonl")]


def boxed(text):
    m = re.search(r"\\boxed\{([^}]*)\}", text)
    return m.group(1) if m else None


hits = 0
for row in rows:
    prompt = MATH_PROMPT.substitute(row)
    out = client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": prompt}])
    hits += boxed(out.choices[0].message.content) == boxed(row["solution"])
json.dump({"math500_acc": hits / len(rows)}, open("results/math500.json", "w"))
