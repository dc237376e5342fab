import asyncio
import json

from agent.loop import solve
from shopenv import ShopEnv


async def main():
    tasks = [json.loads(l) for l in open("tasks/webshop_120.jsonl")]
    sem = asyncio.Semaphore(8)

    async def one(task):
        async with sem:
            return await solve(ShopEnv(task["env_seed"]), task)

    results = await asyncio.gather(*(one(t) for t in tasks))
    done = [r for r in results if r is not None]
    rate = sum(r["success"] for r in done) / len(done)
    print(f"success rate: {rate:.3f}")
    with open("results/success.json", "w") as f:
        json.dump({"model": "gpt-4o-2024-08-06", "success_rate": rate}, f)


if __name__ == "__main__":
    asyncio.run(main())
