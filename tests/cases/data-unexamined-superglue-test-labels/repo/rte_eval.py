"""Zero-shot RTE accuracy of a chat model."""
import asyncio
import json

from datasets import load_dataset
from openai import AsyncOpenAI

client = AsyncOpenAI()
PROMPT = "Premise: {premise}\nHypothesis: {hypothesis}\nDoes the premise entail the hypothesis? Answer yes or no."


async def classify(row: dict) -> int:
    reply = await client.chat.completions.create(
        model="gpt-4o-mini", temperature=0,
        messages=[{"role": "user", "content": PROMPT.format(**row)}])
    text = reply.choices[0].message.content.strip().lower()
    return 0 if text.startswith("yes") else 1


async def main() -> None:
    rows = load_dataset("super_glue", "rte", split="test")
    preds = await asyncio.gather(*(classify(r) for r in rows))
    correct = sum(int(p == r["label"]) for p, r in zip(preds, rows))
    json.dump({"model": "gpt-4o-mini", "n": len(rows), "accuracy": correct / len(rows)},
              open("results/rte.json", "w"))


asyncio.run(main())
