import hashlib
import json
import shelve

from openai import OpenAI


class CachedChat:
    def __init__(self, path="cache/chat.db"):
        self.db = shelve.open(path)
        self.client = OpenAI()

    def _key(self, messages, model, temperature, max_tokens):
        payload = {"messages": messages, "model": model, "temperature": temperature,
                   "max_tokens": max_tokens}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def complete(self, messages, model, temperature=0.0, max_tokens=512):
        key = self._key(messages, model, temperature, max_tokens)
        if key not in self.db:
            r = self.client.chat.completions.create(model=model, messages=messages,
                                                    temperature=temperature, max_tokens=max_tokens)
            self.db[key] = r.choices[0].message.content
        return self.db[key]
