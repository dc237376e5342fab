import asyncio
import json
import sys

from refusals.client import query
from refusals.judge import is_refusal


async def main(model):
    prompts = [json.loads(l)["prompt"] for l in open("data/harmful_prompts.jsonl")]
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(query(model, p)) for p in prompts]
    replies = [t.result() for t in tasks]
    compliance = 1 - sum(is_refusal(r) for r in replies) / len(replies)
    print(f"{model}: compliance rate {compliance:.3f} (n={len(replies)})")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
