import json
import random

import typer
from openai import OpenAI

client = OpenAI()
STRATEGIES = {
    "plain": "Answer yes or no.\n\nQ: {q}\nA:",
    "cot": "Think step by step, then answer yes or no on the last line.\n\nQ: {q}\nA:",
}


def main(model: str = "gpt-4o-mini", temperature: float = typer.Option(0.8), n_items: int = 150):
    random.seed(0)
    items = random.sample([json.loads(l) for l in open("data/strategyqa_dev.jsonl")], n_items)
    acc = {}
    for name, tmpl in STRATEGIES.items():
        right = 0
        for it in items:
            out = client.chat.completions.create(
                model=model, temperature=temperature,
                messages=[{"role": "user", "content": tmpl.format(q=it["question"])}],
            )
            last = out.choices[0].message.content.strip().splitlines()[-1].lower()
            right += ("yes" in last) == it["answer"]
        acc[name] = right / len(items)
    json.dump({"model": model, "temperature": temperature, "n": n_items, "accuracy": acc},
              open("results/prompt_comparison.json", "w"), indent=2)
    print(acc)


if __name__ == "__main__":
    typer.run(main)
