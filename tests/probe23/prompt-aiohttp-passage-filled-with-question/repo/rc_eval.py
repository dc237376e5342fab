import asyncio
import json
import os

import aiohttp

URL = "https://api.anthropic.com/v1/messages"
MODEL = "claude-3-5-sonnet-20241022"
HEADERS = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
}
TEMPLATE = "Read the passage and answer the question in a few words.\n\nPassage:\n{passage}\n\nQuestion: {question}"


async def ask(session, item):
    body = {
        "model": MODEL,
        "max_tokens": 64,
        "temperature": 0,
        "messages": [{"role": "user", "content": TEMPLATE.format(passage=item["question"], question=item["question"])}],
    }
    async with session.post(URL, headers=HEADERS, json=body) as r:
        r.raise_for_status()
        data = await r.json()
    return data["content"][0]["text"].strip()


async def main():
    items = [json.loads(l) for l in open("data/squad_dev_200.jsonl")]
    async with aiohttp.ClientSession() as session:
        answers = await asyncio.gather(*(ask(session, it) for it in items))
    em = sum(a.lower() == it["answer"].lower() for a, it in zip(answers, items)) / len(items)
    print(json.dumps({"model": MODEL, "n": len(items), "exact_match": em}))


if __name__ == "__main__":
    asyncio.run(main())
