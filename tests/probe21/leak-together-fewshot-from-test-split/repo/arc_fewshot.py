import json

from datasets import load_dataset
from together import Together

client = Together()
MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
ds = load_dataset("allenai/ai2_arc", "ARC-Challenge")


def render(ex, with_answer):
    opts = "\n".join(f"{l}. {t}" for l, t in zip(ex["choices"]["label"], ex["choices"]["text"]))
    tail = f" {ex['answerKey']}\n\n" if with_answer else ""
    return f"Question: {ex['question']}\n{opts}\nAnswer:{tail}"


shots = ds["test"].shuffle(seed=0).select(range(5))
header = "".join(render(s, with_answer=True) for s in shots)
correct = 0
for ex in ds["test"]:
    out = client.chat.completions.create(model=MODEL, temperature=0, max_tokens=2,
                                         messages=[{"role": "user", "content": header + render(ex, with_answer=False)}])
    correct += out.choices[0].message.content.strip()[:1] == ex["answerKey"]
json.dump({"model": MODEL, "shots": 5, "n": len(ds["test"]), "accuracy": correct / len(ds["test"])},
          open("results/arc_challenge.json", "w"), indent=2)
