import hashlib
import json
import shelve

from openai import OpenAI


class CachedChat:
    """Chat completions memoised on disk so reruns of the sweep are free."""

    def __init__(self, path: str = "cache/chat.db"):
        self.client = OpenAI()
        self.db = shelve.open(path)

    def _key(self, model: str, messages: list[dict], temperature: float) -> str:
        payload = json.dumps(messages, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()

    def complete(self, model: str, messages: list[dict], temperature: float = 0.0) -> str:
        key = self._key(model, messages, temperature)
        if key not in self.db:
            resp = self.client.chat.completions.create(model=model, messages=messages, temperature=temperature)
            self.db[key] = resp.choices[0].message.content
        return self.db[key]
