import hashlib
import json
import os

from openai import OpenAI


class CachedClient:
    def __init__(self, cache_dir=".cache/completions"):
        self.client = OpenAI()
        self.cache_dir = cache_dir
        os.makedirs(cache_dir, exist_ok=True)

    def _path(self, prompt):
        key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()
        return os.path.join(self.cache_dir, key + ".json")

    def complete(self, prompt, model, temperature=0.0):
        path = self._path(prompt)
        if os.path.exists(path):
            return json.load(open(path))["text"]
        out = self.client.chat.completions.create(
            model=model, temperature=temperature, messages=[{"role": "user", "content": prompt}]
        )
        text = out.choices[0].message.content
        json.dump({"text": text}, open(path, "w"))
        return text
