import hashlib
import sqlite3

from openai import OpenAI


class CachedClient:
    def __init__(self, path="cache/replies.sqlite"):
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS c (k TEXT PRIMARY KEY, v TEXT)")
        self.client = OpenAI()

    def complete(self, model: str, prompt: str, temperature: float = 0.0) -> str:
        key = hashlib.sha256(prompt.encode()).hexdigest()
        row = self.db.execute("SELECT v FROM c WHERE k = ?", (key,)).fetchone()
        if row:
            return row[0]
        r = self.client.chat.completions.create(model=model, temperature=temperature,
                                                messages=[{"role": "user", "content": prompt}])
        text = r.choices[0].message.content
        self.db.execute("INSERT INTO c VALUES (?, ?)", (key, text))
        self.db.commit()
        return text
