import json
import random

from openai import OpenAI

client = OpenAI()
questions = [json.loads(l) for l in open("data/triviaqa_dev.jsonl")]
random.shuffle(questions)
subset = questions[:100]

hits = 0
for q in subset:
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                       messages=[{"role": "user", "content": q["question"]}])
    hits += any(a.lower() in r.choices[0].message.content.lower() for a in q["aliases"])
print(f"accuracy on 100 random questions: {hits / len(subset):.2f}")
