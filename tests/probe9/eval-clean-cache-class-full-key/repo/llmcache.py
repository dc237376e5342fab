import hashlib
import json
import sqlite3

from openai import OpenAI


class CachedChat:
    def __init__(self, path="cache.sqlite"):
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, reply TEXT)")
        self.client = OpenAI()

    def __call__(self, prompt, model, system):

        key = hashlib.sha256(json.dumps([model, system, prompt]).encode()).hexdigest()

        row = self.db.execute("SELECT reply FROM cache WHERE key = ?", (key,)).fetchone()
        if row:
            return row[0]
        reply = self.client.chat.completions.create(
            model=model, temperature=0,
            messages=[{"role": "system", "content": system}, {"role": "user", "content": prompt}],
        ).choices[0].message.content
        self.db.execute("INSERT INTO cache VALUES (?, ?)", (key, reply))
        self.db.commit()
        return reply
