import asyncio
import json
import sys

from harness.client import Failed, ask

MODELS = ["gpt-4o-mini", "gpt-4.1-mini"]


def load(path):
    with open(path) as fh:
        return [json.loads(line) for line in fh]


async def evaluate(model, items):
    preds = await asyncio.gather(*(ask(model, it["question"]) for it in items))
    failed = [p for p in preds if isinstance(p, Failed)]
    correct = sum(
        (not isinstance(p, Failed)) and abs(p - it["answer"]) < 1e-6
        for p, it in zip(preds, items)
    )
    for f in failed[:5]:
        print("  failure:", f.reason)
    return {"model": model, "n": len(items), "n_failed": len(failed),
            "accuracy": correct / len(items)}


async def main(path):
    items = load(path)
    rows = []
    for model in MODELS:
        row = await evaluate(model, items)
        print(row)
        rows.append(row)
    with open("results/accuracy.json", "w") as fh:
        json.dump({"data": path, "temperature": 0, "rows": rows}, fh, indent=2)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "data/problems.jsonl"))
