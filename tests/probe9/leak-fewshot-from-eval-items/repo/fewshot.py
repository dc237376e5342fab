import json
import random

from openai import OpenAI

client = OpenAI()
train = [json.loads(l) for l in open("data/commonsenseqa_train.jsonl")]
evaluation = [json.loads(l) for l in open("data/commonsenseqa_dev.jsonl")]
rng = random.Random(1234)

shots = rng.sample(evaluation, 5)



def fmt(ex, with_answer):
    opts = " ".join(f"({l}) {t}" for l, t in zip("ABCDE", ex["choices"]))
    return f"Q: {ex['question']}\n{opts}\nA:" + (f" {ex['answerKey']}" if with_answer else "")


prefix = "\n\n".join(fmt(s, True) for s in shots)
hits = 0
for ex in evaluation:
    reply = client.chat.completions.create(
        model="gpt-4o-mini", temperature=0, max_tokens=2,
        messages=[{"role": "user", "content": prefix + "\n\n" + fmt(ex, False)}],
    ).choices[0].message.content
    hits += reply.strip()[:1] == ex["answerKey"]
print(json.dumps({"five_shot_acc": hits / len(evaluation), "n": len(evaluation)}))
