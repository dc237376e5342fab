import sqlite3

from openai import OpenAI

_db = sqlite3.connect("cache.sqlite")
_db.execute("CREATE TABLE IF NOT EXISTS responses (prompt TEXT PRIMARY KEY, answer TEXT)")
client = OpenAI()


def complete(model: str, prompt: str) -> str:
    row = _db.execute("SELECT answer FROM responses WHERE prompt = ?", (prompt,)).fetchone()
    if row:
        return row[0]
    answer = client.chat.completions.create(model=model, temperature=0,
                                            messages=[{"role": "user", "content": prompt}]).choices[0].message.content
    _db.execute("INSERT INTO responses VALUES (?, ?)", (prompt, answer))
    _db.commit()
    return answer
