import asyncio
import json
import sys

from harness.client import ask

MODELS = ["gpt-4o-mini", "gpt-4.1-mini"]


def load(path):
    with open(path) as fh:
        return [json.loads(line) for line in fh]


async def evaluate(model, items):
    preds = await asyncio.gather(*(ask(model, it["question"]) for it in items))
    pairs = [(p, it["answer"]) for p, it in zip(preds, items) if p is not None]
    correct = sum(abs(p - gold) < 1e-6 for p, gold in pairs)
    return correct / len(pairs)


async def main(path):
    items = load(path)
    scores = {}
    for model in MODELS:
        scores[model] = await evaluate(model, items)
        print(f"{model}: {scores[model]:.3f}")
    with open("results/accuracy.json", "w") as fh:
        json.dump(scores, fh, indent=2)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "data/problems.jsonl"))
