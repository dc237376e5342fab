import asyncio
import json
import sys

from anthropic import AsyncAnthropic
from sacrebleu.metrics import CHRF

from mt.prompts import make_prompt

client = AsyncAnthropic()
sem = asyncio.Semaphore(8)


async def translate(sentence, lang):
    async with sem:
        msg = await client.messages.create(
            model="claude-3-5-haiku-20241022",
            max_tokens=300,
            temperature=0,
            messages=[{"role": "user", "content": make_prompt(lang, sentence)}],
        )
        return msg.content[0].text.strip()


async def main(lang):
    rows = [json.loads(l) for l in open(f"data/flores_dev_{lang}.jsonl")]
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(translate(r["src"], lang)) for r in rows]
    hyps = [t.result() for t in tasks]
    print(lang, CHRF().corpus_score(hyps, [[r["ref"] for r in rows]]).score)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
