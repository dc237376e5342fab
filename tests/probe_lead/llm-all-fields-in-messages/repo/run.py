import json
from openai import OpenAI

client = OpenAI()
SYSTEM = "You are a careful grader-free solver."
items = [json.loads(l) for l in open("data/test.jsonl")]

def build_messages(row):
    user = "Question: " + row["question"] + "\n"
    for k, v in row.items():
        if k != "question":
            user += f"{k}: {v}\n"
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]

acc = 0
for row in items:
    reply = client.chat.completions.create(model="gpt-4o", messages=build_messages(row)).choices[0].message.content
    acc += reply.strip() == row["label"]
print(acc / len(items))
