import hashlib

import diskcache
from openai import OpenAI

client = OpenAI()
cache = diskcache.Cache(".cache/llm")


def ask(prompt: str, model: str, temperature: float) -> str:
    key = hashlib.sha256(f"{model}|{temperature}|{prompt}".encode()).hexdigest()
    if key in cache:
        return cache[key]
    r = client.chat.completions.create(
        model=model, temperature=temperature, messages=[{"role": "user", "content": prompt}], max_tokens=20
    )
    text = r.choices[0].message.content
    cache[key] = text
    return text
