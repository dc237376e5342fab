import json

import evaluate
from jinja2 import Environment, FileSystemLoader
from openai import OpenAI

env = Environment(loader=FileSystemLoader("prompts"))
template = env.get_template("summarize.j2")
client = OpenAI()
rouge = evaluate.load("rouge")

rows = [json.loads(l) for l in open("data/xsum_sample.jsonl")]
preds = []
for row in rows:
    prompt = template.render(document=row["document"], max_words=40)
    out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], temperature=0)
    preds.append(out.choices[0].message.content)
print(rouge.compute(predictions=preds, references=[r["summary"] for r in rows]))
