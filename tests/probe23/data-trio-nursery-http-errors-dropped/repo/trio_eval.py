import json
import os

import httpx
import trio

URL = "https://api.together.xyz/v1/chat/completions"
MODEL = "Qwen/Qwen2.5-72B-Instruct-Turbo"
HEADERS = {"Authorization": f"Bearer {os.environ['TOGETHER_API_KEY']}"}


async def worker(client, item, results, limiter):
    async with limiter:
        try:
            r = await client.post(URL, headers=HEADERS, json={
                "model": MODEL,
                "messages": [{"role": "user", "content": item["question"] + "\nAnswer with one word."}],
                "temperature": 0,
            })
            r.raise_for_status()
        except httpx.HTTPError:
            return
        answer = r.json()["choices"][0]["message"]["content"].strip().lower()
        results[item["id"]] = answer == item["answer"].lower()


async def main():
    items = [json.loads(l) for l in open("data/qa.jsonl")]
    results = {}
    limiter = trio.CapacityLimiter(8)
    async with httpx.AsyncClient(timeout=60) as client:
        async with trio.open_nursery() as nursery:
            for it in items:
                nursery.start_soon(worker, client, it, results, limiter)
    acc = sum(results.values()) / len(results)
    print(json.dumps({"model": MODEL, "accuracy": acc}))


if __name__ == "__main__":
    trio.run(main)
