import json
from datasets import load_dataset
from openai import OpenAI

client = OpenAI()
ds = load_dataset("gsm8k", "main", split="test").shuffle().select(range(200))
correct = 0
for ex in ds:
    out = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=[{"role": "user", "content": ex["question"]}])
    correct += ex["answer"].split("####")[-1].strip() in out.choices[0].message.content
json.dump({"acc": correct / len(ds)}, open("results/gsm8k.json", "w"))
