import asyncio
import json
import re

import httpx

from .client import ask


def final_number(text):
    m = re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))
    return m[-1] if m else None


async def main(model="qwen2.5-7b-instruct"):
    items = [json.loads(l) for l in open("data/gsm_test.jsonl")]
    sem = asyncio.Semaphore(16)
    async with httpx.AsyncClient() as client:
        async def one(item):
            async with sem:
                return await ask(client, model, item["question"])
        replies = await asyncio.gather(*(one(it) for it in items))
    n_failed = sum(r is None for r in replies)
    graded = [r is not None and final_number(r) == str(it["answer"]) for r, it in zip(replies, items)]
    acc = sum(graded) / len(graded)
    json.dump({"model": model, "accuracy": acc, "n": len(items), "n_failed": n_failed}, open(f"results/{model}.json", "w"))
    print(model, acc)


if __name__ == "__main__":
    asyncio.run(main())
