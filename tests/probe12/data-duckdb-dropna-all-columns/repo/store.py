import duckdb

DB = "results/runs.duckdb"


def connect():
    con = duckdb.connect(DB)
    con.execute(
        "CREATE TABLE IF NOT EXISTS runs (model VARCHAR, item_id INTEGER, judge_score DOUBLE, notes VARCHAR)"
    )
    return con


def append(con, model, item_id, judge_score, notes=None):
    con.execute("INSERT INTO runs VALUES (?, ?, ?, ?)", [model, item_id, judge_score, notes])
