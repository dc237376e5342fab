import json
import sys

from openai import OpenAI

from persona_eval.prompts import build_prompt

client = OpenAI()
path = sys.argv[1]
rows = [json.loads(l) for l in open(path)]
match = 0
for row in rows:
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=1,
                                       messages=[{"role": "user", "content": build_prompt(row)}])
    match += r.choices[0].message.content.strip().upper() == "A"
print(json.dumps({"file": path, "n": len(rows), "matching_rate": match / len(rows)}))
