import json
from openai import OpenAI

client = OpenAI()
TEMPLATE = open("prompts/qa.txt").read()
items = [json.loads(l) for l in open("data/test.jsonl")]
right = 0
for it in items:
    prompt = TEMPLATE.format(**it)
    ans = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}]).choices[0].message.content
    right += ans.strip() == it["answer"]
print(right / len(items))
