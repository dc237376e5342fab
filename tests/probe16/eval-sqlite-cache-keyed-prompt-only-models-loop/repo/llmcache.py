import hashlib
import sqlite3

import anthropic

_db = sqlite3.connect("cache/responses.sqlite")
_db.execute("CREATE TABLE IF NOT EXISTS r (k TEXT PRIMARY KEY, v TEXT)")
client = anthropic.Anthropic()


def complete(model: str, prompt: str, max_tokens: int = 512) -> str:
    key = hashlib.sha256(prompt.encode()).hexdigest()
    row = _db.execute("SELECT v FROM r WHERE k = ?", (key,)).fetchone()
    if row:
        return row[0]
    msg = client.messages.create(model=model, max_tokens=max_tokens, temperature=0,
                                 messages=[{"role": "user", "content": prompt}])
    text = msg.content[0].text
    _db.execute("INSERT OR REPLACE INTO r VALUES (?, ?)", (key, text))
    _db.commit()
    return text
