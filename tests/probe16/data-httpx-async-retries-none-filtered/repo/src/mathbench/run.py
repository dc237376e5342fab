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
    graded = [(final_number(r) == str(it["answer"])) for r, it in zip(replies, items) if r is not None]
    acc = sum(graded) / len(graded)
    json.dump({"model": model, "accuracy": acc}, open(f"results/{model}.json", "w"))
    print(model, acc)


if __name__ == "__main__":
    asyncio.run(main())
