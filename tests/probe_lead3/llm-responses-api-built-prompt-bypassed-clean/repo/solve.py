import json
import re

from openai import OpenAI

client = OpenAI()
INSTRUCTIONS = "Solve the problem. End with a line 'ANSWER: <integer>'."


def build_prompt(item: dict) -> str:
    return f"{INSTRUCTIONS}\n\nProblem: {item['question']}"


def parse(text: str):
    m = re.search(r"ANSWER:\s*(-?\d+)", text)
    return int(m.group(1)) if m else None


items = [json.loads(l) for l in open("data/aime.jsonl")]
correct = 0
for item in items:
    prompt = build_prompt(item)
    resp = client.responses.create(model="o4-mini", input=prompt)
    correct += parse(resp.output_text) == item["answer"]
json.dump({"aime_acc": correct / len(items)}, open("results/aime.json", "w"))
