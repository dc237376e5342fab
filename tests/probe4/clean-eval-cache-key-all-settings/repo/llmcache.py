import functools

from openai import OpenAI

client = OpenAI()


@functools.lru_cache(maxsize=None)
def complete(model: str, prompt: str, temperature: float, seed: int) -> str:
    out = client.chat.completions.create(
        model=model, temperature=temperature, seed=seed, max_tokens=200,
        messages=[{"role": "user", "content": prompt}],
    )
    return out.choices[0].message.content
