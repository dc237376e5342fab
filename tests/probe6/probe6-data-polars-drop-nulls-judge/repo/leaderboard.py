import json
import re
from pathlib import Path

import polars as pl

SCORE_RE = re.compile(r"Score:\s*([1-9]|10)\b")


def judge_score(text):
    m = SCORE_RE.search(text or "")
    return int(m.group(1)) if m else None


records = []
for p in Path("judgements").glob("*.jsonl"):
    model = p.stem
    for line in p.read_text().splitlines():
        r = json.loads(line)
        records.append({"model": model, "question_id": r["question_id"],
                        "turn": r["turn"], "score": judge_score(r["judgment"])})

df = pl.DataFrame(records)
df = df.drop_nulls()
table = (df.group_by("model")
           .agg(pl.col("score").mean().alias("mt_bench"), pl.len().alias("n"))
           .sort("mt_bench", descending=True))
print(table)
table.write_csv("results/mt_bench_leaderboard.csv")
