import json
import re

import litellm
from litellm import batch_completion

MODEL = "together_ai/meta-llama/Llama-3-70b-chat-hf"


def load_items(path="data/arc_challenge.jsonl"):
    with open(path) as fh:
        return [json.loads(line) for line in fh]


def to_messages(item):
    opts = "\n".join(f"{k}. {v}" for k, v in zip("ABCD", item["choices"]))
    return [{"role": "user", "content": f"{item['question']}\n{opts}\nAnswer with a single letter."}]


def main():
    items = load_items()
    responses = batch_completion(model=MODEL, messages=[to_messages(it) for it in items],
                                 temperature=0.0, max_tokens=8)
    scored = []
    for item, resp in zip(items, responses):
        if isinstance(resp, Exception):
            continue
        text = resp.choices[0].message.content
        m = re.search(r"[ABCD]", text)
        scored.append(m is not None and m.group(0) == item["answer"])
    acc = sum(scored) / len(scored)
    print(f"{MODEL} accuracy: {acc:.3f}")
    with open("results/arc_llama70b.json", "w") as fh:
        json.dump({"model": MODEL, "accuracy": acc}, fh)


if __name__ == "__main__":
    main()
