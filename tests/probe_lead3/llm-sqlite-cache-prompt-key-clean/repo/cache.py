import sqlite3

from openai import OpenAI

_db = sqlite3.connect("cache.sqlite")
_db.execute("CREATE TABLE IF NOT EXISTS responses (model TEXT, prompt TEXT, answer TEXT, PRIMARY KEY (model, prompt))")
client = OpenAI()


def complete(model: str, prompt: str) -> str:
    row = _db.execute("SELECT answer FROM responses WHERE model = ? AND prompt = ?", (model, prompt)).fetchone()
    if row:
        return row[0]
    answer = client.chat.completions.create(model=model, temperature=0,
                                            messages=[{"role": "user", "content": prompt}]).choices[0].message.content
    _db.execute("INSERT INTO responses VALUES (?, ?, ?)", (model, prompt, answer))
    _db.commit()
    return answer
