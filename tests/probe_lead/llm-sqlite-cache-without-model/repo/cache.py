import hashlib
import json
import os
import sqlite3

from openai import OpenAI

_db = sqlite3.connect("cache.sqlite")
_db.execute("create table if not exists c (k text primary key, v text)")
client = OpenAI()


def complete(prompt: str, model: str = "gpt-4o-mini") -> str:
    key = hashlib.sha256(prompt.encode()).hexdigest()
    row = _db.execute("select v from c where k = ?", (key,)).fetchone()
    if row:
        return row[0]
    text = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}]).choices[0].message.content
    _db.execute("insert into c values (?, ?)", (key, text))
    _db.commit()
    return text
