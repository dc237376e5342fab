import asyncio

import httpx

API_URL = "http://localhost:8000/v1/chat/completions"


async def ask(client: httpx.AsyncClient, model: str, question: str, retries: int = 3):
    payload = {
        "model": model,
        "messages": [{"role": "user", "content": question}],
        "temperature": 0.0,
        "max_tokens": 1024,
    }
    for attempt in range(retries):
        try:
            r = await client.post(API_URL, json=payload, timeout=60.0)
            r.raise_for_status()
            return r.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, KeyError):
            await asyncio.sleep(2 ** attempt)
    return None
