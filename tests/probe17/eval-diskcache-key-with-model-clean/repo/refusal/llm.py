import hashlib

import diskcache
from groq import Groq

cache = diskcache.Cache(".cache/groq")
client = Groq()


def complete(model: str, prompt: str) -> str:
    key = hashlib.sha256(f"{model}\x00{prompt}".encode()).hexdigest()
    if key in cache:
        return cache[key]
    resp = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}],
                                          temperature=0, max_tokens=400)
    text = resp.choices[0].message.content
    cache[key] = text
    return text
