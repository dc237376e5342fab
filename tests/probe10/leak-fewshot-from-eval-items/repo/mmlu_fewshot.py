import json

from datasets import load_dataset
from openai import OpenAI

client = OpenAI()
subject = "high_school_biology"
test = load_dataset("cais/mmlu", subject, split="test")
demos = test.shuffle(seed=1).select(range(5))


def fmt(ex, with_answer):
    opts = "".join(f"\n{l}. {c}" for l, c in zip("ABCD", ex["choices"]))
    return f"{ex['question']}{opts}\nAnswer:" + (f" {'ABCD'[ex['answer']]}\n\n" if with_answer else "")


header = "".join(fmt(d, True) for d in demos)
correct = 0
for ex in test:
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=1,
                                       messages=[{"role": "user", "content": header + fmt(ex, False)}])
    correct += r.choices[0].message.content.strip()[:1] == "ABCD"[ex["answer"]]
print(json.dumps({"subject": subject, "acc": correct / len(test), "n": len(test)}))
