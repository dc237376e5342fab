import asyncio
import json
import os

from openai import AsyncOpenAI

client = AsyncOpenAI(api_key=os.environ["OPENAI_API_KEY"])
SEM = asyncio.Semaphore(16)

SYSTEM = "Solve the problem. Reply with JSON: {\"answer\": <number>}."


async def ask(model: str, problem: str):
    async with SEM:
        try:
            resp = await client.chat.completions.create(
                model=model,
                temperature=0,
                messages=[
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": problem},
                ],
                response_format={"type": "json_object"},
            )
            payload = json.loads(resp.choices[0].message.content)
            return float(payload["answer"])
        except Exception:
            return None
