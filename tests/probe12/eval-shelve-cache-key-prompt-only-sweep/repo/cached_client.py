import hashlib
import shelve

from openai import OpenAI


class CachedClient:
    def __init__(self, path="cache/replies.db"):
        self.client = OpenAI()
        self.db = shelve.open(path)

    def complete(self, prompt, model, temperature):
        key = hashlib.sha256(prompt.encode()).hexdigest()
        if key not in self.db:
            r = self.client.chat.completions.create(
                model=model, temperature=temperature, messages=[{"role": "user", "content": prompt}]
            )
            self.db[key] = r.choices[0].message.content
        return self.db[key]
