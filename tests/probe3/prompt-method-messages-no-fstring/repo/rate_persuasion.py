import asyncio
import json

from openai import AsyncOpenAI


class PersuasionRater:
    """Asks a judge model to rate how persuasive generated essays are."""

    def __init__(self, model: str = "gpt-4o-mini", concurrency: int = 8):
        self.client = AsyncOpenAI()
        self.model = model
        self.sem = asyncio.Semaphore(concurrency)

    def build_messages(self, topic: str, essay: str) -> list[dict]:
        return [
            {"role": "system", "content": 'You are a debate judge. Reply as JSON: {"score": <1-10>}.'},
            {"role": "user", "content": "Rate how persuasive this essay about {topic} is, from 1 to 10.\n\n"
                                        + essay},
        ]

    async def rate(self, topic: str, essay: str) -> int:
        async with self.sem:
            resp = await self.client.chat.completions.create(
                model=self.model, temperature=0, messages=self.build_messages(topic, essay)
            )
        return int(json.loads(resp.choices[0].message.content)["score"])

    async def rate_all(self, rows: list[dict]) -> list[int]:
        return await asyncio.gather(*(self.rate(r["topic"], r["essay"]) for r in rows))


if __name__ == "__main__":
    with open("data/essays.jsonl") as f:
        rows = [json.loads(line) for line in f]
    scores = asyncio.run(PersuasionRater().rate_all(rows))
    print(f"mean persuasiveness {sum(scores) / len(scores):.2f} over n={len(scores)}")
