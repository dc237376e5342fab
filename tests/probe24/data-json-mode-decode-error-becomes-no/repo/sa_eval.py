import json
import sys

from openai import OpenAI

client = OpenAI()
MODEL = sys.argv[1] if len(sys.argv) > 1 else "gpt-4o-2024-08-06"
SYSTEM = 'Answer in JSON: {"answer": "yes"} or {"answer": "no"}.'


def answer(q):
    r = client.chat.completions.create(
        model=MODEL,
        temperature=0,
        response_format={"type": "json_object"},
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}],
    )
    try:
        return json.loads(r.choices[0].message.content)["answer"].strip().lower()
    except (json.JSONDecodeError, KeyError):
        return "no"


items = [json.loads(l) for l in open("data/sad_stages.jsonl")]
correct = [answer(it["question"]) == it["label"] for it in items]
json.dump({"model": MODEL, "n": len(items), "accuracy": sum(correct) / len(items)}, open("results/sad.json", "w"))
