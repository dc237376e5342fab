import sqlite3
from pathlib import Path

DB_ROOT = Path("data/databases")


def run_query(db_id: str, sql: str):
    path = DB_ROOT / db_id / f"{db_id}.sqlite"
    try:
        with sqlite3.connect(path) as conn:
            rows = conn.execute(sql).fetchall()
        return set(rows)
    except Exception:
        return None
