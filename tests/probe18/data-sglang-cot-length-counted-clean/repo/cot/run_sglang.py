import asyncio
import json
import re

from openai import AsyncOpenAI

client = AsyncOpenAI(base_url="http://127.0.0.1:30000/v1", api_key="EMPTY")
MODEL = "Qwen/Qwen2.5-7B-Instruct"
sem = asyncio.Semaphore(32)
NUM = re.compile(r"-?\d+(?:\.\d+)?")


async def solve(q):
    async with sem:
        resp = await client.chat.completions.create(
            model=MODEL, temperature=0.0, max_tokens=256,
            messages=[{"role": "user", "content": q + "\nThink step by step, then give the final number."}])
    ch = resp.choices[0]
    return ch.message.content, ch.finish_reason


def last_number(text):
    nums = NUM.findall(text.replace(",", ""))
    return float(nums[-1]) if nums else None


async def main():
    items = [json.loads(l) for l in open("data/gsm_test.jsonl")]
    outs = await asyncio.gather(*(solve(it["question"]) for it in items))
    cut = sum(fr == "length" for _, fr in outs)
    correct = sum(last_number(o) == float(it["answer"]) for (o, fr), it in zip(outs, items) if fr != "length")
    print(f"{MODEL}: {correct / len(items):.3f} ({cut} of {len(items)} replies hit max_tokens and count as wrong)")


asyncio.run(main())
