import hashlib
import json
import sqlite3
import threading


class ResponseCache:
    """Tiny sqlite cache so re-runs of the sweep do not pay for the same call twice."""

    def __init__(self, path="cache/responses.sqlite"):
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.lock = threading.Lock()
        self.db.execute("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT)")

    @staticmethod
    def key(model, temperature, messages) -> str:
        blob = json.dumps({"model": model, "temperature": temperature, "messages": messages},
                          sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def get(self, model, temperature, messages):
        row = self.db.execute("SELECT v FROM kv WHERE k=?", (self.key(model, temperature, messages),)).fetchone()
        return None if row is None else json.loads(row[0])

    def put(self, model, temperature, messages, value):
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO kv VALUES (?, ?)",
                            (self.key(model, temperature, messages), json.dumps(value)))
            self.db.commit()
