import asyncio
import json
import re
from pathlib import Path

import litellm
from tenacity import retry, stop_after_attempt, wait_random_exponential

MODELS = ["gpt-4o-mini", "claude-3-5-haiku-20241022", "gemini/gemini-1.5-flash"]
SEM = asyncio.Semaphore(16)
LETTER = re.compile(r"\b([ABCD])\b")


@retry(stop=stop_after_attempt(4), wait=wait_random_exponential(min=1, max=20))
async def _chat(model: str, messages: list[dict]) -> str:
    resp = await litellm.acompletion(model=model, messages=messages, temperature=0, max_tokens=8)
    return resp.choices[0].message.content


async def ask(model: str, item: dict):
    body = item["question"] + "\n" + "\n".join(f"{k}. {v}" for k, v in item["options"].items())
    messages = [{"role": "user", "content": body + "\nAnswer with a single letter."}]
    async with SEM:
        try:
            text = await _chat(model, messages)
            return LETTER.search(text).group(1) == item["answer"]
        except Exception:
            return None


async def main() -> None:
    items = [json.loads(l) for l in Path("data/arc_challenge_300.jsonl").read_text().splitlines()]
    summary = {}
    for model in MODELS:
        graded = await asyncio.gather(*(ask(model, it) for it in items))
        graded = [g for g in graded if g is not None]
        summary[model] = sum(graded) / len(graded)
        print(f"{model:35s} acc={summary[model]:.3f}")
    Path("results/accuracy.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
