import json

from datasets import load_dataset
from openai import OpenAI

client = OpenAI()
ds = load_dataset("allenai/ai2_arc", "ARC-Challenge")
test = ds["test"]
demos = test.select(range(5))


def render(ex, with_answer):
    opts = "\n".join(f"{l}. {t}" for l, t in zip(ex["choices"]["label"], ex["choices"]["text"]))
    return f"Question: {ex['question']}\n{opts}\nAnswer:" + (f" {ex['answerKey']}\n\n" if with_answer else "")


prefix = "".join(render(d, True) for d in demos)
hits = 0
for ex in test:
    reply = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=2,
                                           messages=[{"role": "user", "content": prefix + render(ex, False)}])
    hits += reply.choices[0].message.content.strip()[:1] == ex["answerKey"]
json.dump({"arc_c_5shot": hits / len(test)}, open("results/arc.json", "w"))
