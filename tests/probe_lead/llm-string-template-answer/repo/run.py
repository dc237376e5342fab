import json
from string import Template
from openai import OpenAI

client = OpenAI()
PROMPT = Template("Question: $question\nChoices: $choices\nReference: $answer\nReply with the letter only.")
items = [json.loads(l) for l in open("data/test.jsonl")]
correct = 0
for it in items:
    text = PROMPT.substitute(**it)
    out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    correct += out.choices[0].message.content.strip() == it["answer"]
print(correct / len(items))
