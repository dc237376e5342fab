import asyncio
import json
import random

from anthropic import AsyncAnthropic

client = AsyncAnthropic()
items = [json.loads(l) for l in open("data/date_understanding_250.jsonl")]
rng = random.Random(1234)
shots = rng.sample(items, 5)
SHOT_BLOCK = "\n\n".join(f"Q: {s['input']}\nA: {s['target']}" for s in shots)


async def ask(item, sem):
    async with sem:
        msg = await client.messages.create(
            model="claude-3-haiku-20240307", max_tokens=20, temperature=0,
            messages=[{"role": "user", "content": f"{SHOT_BLOCK}\n\nQ: {item['input']}\nA:"}])
        return msg.content[0].text.strip()


async def main():
    sem = asyncio.Semaphore(10)
    preds = await asyncio.gather(*(ask(it, sem) for it in items))
    acc = sum(p.startswith(it["target"]) for p, it in zip(preds, items)) / len(items)
    print(f"5-shot accuracy: {acc:.3f} (n={len(items)})")


asyncio.run(main())
