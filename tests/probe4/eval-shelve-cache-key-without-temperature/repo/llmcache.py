import hashlib
import shelve

from openai import OpenAI


class CachedClient:
    def __init__(self, path: str = ".cache/responses.db"):
        self.db = shelve.open(path)
        self.client = OpenAI()

    def complete(self, model: str, prompt: str, temperature: float = 0.0, max_tokens: int = 200) -> str:
        key = hashlib.sha1(f"{model}::{prompt}".encode()).hexdigest()
        if key not in self.db:
            out = self.client.chat.completions.create(
                model=model, temperature=temperature, max_tokens=max_tokens,
                messages=[{"role": "user", "content": prompt}],
            )
            self.db[key] = out.choices[0].message.content
        return self.db[key]
