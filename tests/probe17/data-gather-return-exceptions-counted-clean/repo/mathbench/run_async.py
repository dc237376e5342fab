import asyncio
import json
import re

from together import AsyncTogether

MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"
client = AsyncTogether()
sem = asyncio.Semaphore(24)


async def solve(item):
    async with sem:
        r = await client.chat.completions.create(
            model=MODEL, temperature=0, max_tokens=768,
            messages=[{"role": "user", "content": item["question"] + "\nEnd with 'Answer: <number>'."}])
    m = re.search(r"Answer:\s*(-?[\d,\.]+)", r.choices[0].message.content)
    pred = m.group(1).replace(",", "") if m else None
    return {"id": item["id"], "pred": pred, "gold": item["answer"]}


async def main():
    items = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
    results = await asyncio.gather(*(solve(it) for it in items), return_exceptions=True)
    errors = sum(isinstance(r, Exception) for r in results)
    acc = sum(not isinstance(r, Exception) and r["pred"] == r["gold"] for r in results) / len(results)
    print(f"{MODEL}: {acc:.3f} ({errors} of {len(results)} calls failed, scored wrong)")
    json.dump({"model": MODEL, "accuracy": acc, "n": len(results), "errors": errors}, open("results/gsm8k.json", "w"))


asyncio.run(main())
