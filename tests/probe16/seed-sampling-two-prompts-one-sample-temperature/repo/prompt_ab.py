import asyncio
import json

import httpx

URL = "https://api.together.xyz/v1/chat/completions"
MODEL = "mistralai/Mixtral-8x7B-Instruct-v0.1"
PROMPTS = {
    "plain": "Answer the multiple-choice question with a single letter.",
    "lawyer": "You are an experienced attorney. Think like a lawyer, then answer with a single letter.",
}


async def ask(client, system, q):
    r = await client.post(URL, json={"model": MODEL, "temperature": 0.9, "max_tokens": 5,
                                     "messages": [{"role": "system", "content": system},
                                                  {"role": "user", "content": q}]})
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"].strip()[:1].upper()


async def main():
    items = [json.loads(l) for l in open("data/mbe_sample.jsonl")]
    acc = {}
    async with httpx.AsyncClient(headers={"Authorization": "Bearer " + open(".together_key").read().strip()}, timeout=60) as c:
        for name, system in PROMPTS.items():
            preds = await asyncio.gather(*(ask(c, system, it["question"]) for it in items))
            acc[name] = sum(p == it["answer"] for p, it in zip(preds, items)) / len(items)
    acc["delta"] = acc["lawyer"] - acc["plain"]
    json.dump({"model": MODEL, "n": len(items), **acc}, open("results/prompt_ab.json", "w"))


asyncio.run(main())
