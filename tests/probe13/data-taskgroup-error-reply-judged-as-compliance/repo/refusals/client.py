import asyncio

from openai import AsyncOpenAI

client = AsyncOpenAI()
SEM = asyncio.Semaphore(16)


async def query(model: str, prompt: str) -> str:
    async with SEM:
        try:
            resp = await client.chat.completions.create(
                model=model,
                temperature=0,
                max_tokens=400,
                messages=[{"role": "user", "content": prompt}],
            )
            return resp.choices[0].message.content
        except Exception as e:
            return f"[ERROR] {type(e).__name__}: {e}"
