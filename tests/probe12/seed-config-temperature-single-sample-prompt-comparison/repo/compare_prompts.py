import json

import litellm

from settings import SETTINGS

VARIANTS = {
    "plain": "Answer the question with a single word.\n\nQ: {q}\nA:",
    "expert": "You are a careful trivia expert. Answer with a single word.\n\nQ: {q}\nA:",
}


def ask(prompt):
    r = litellm.completion(model=SETTINGS["model"], temperature=SETTINGS["temperature"],
                           max_tokens=SETTINGS["max_tokens"],
                           messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content.strip().lower()


if __name__ == "__main__":
    items = [json.loads(l) for l in open("data/trivia.jsonl")][: SETTINGS["n_items"]]
    acc = {}
    for name, tmpl in VARIANTS.items():
        acc[name] = sum(ask(tmpl.format(q=it["q"])) == it["a"].lower() for it in items) / len(items)
    print(acc, "delta", round(acc["expert"] - acc["plain"], 3))
