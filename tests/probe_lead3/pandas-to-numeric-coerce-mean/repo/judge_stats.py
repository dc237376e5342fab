import json

import pandas as pd

df = pd.read_json("outputs/mt_bench_judgments.jsonl", lines=True)
df["score"] = pd.to_numeric(df["judge_reply"].str.strip(), errors="coerce")
summary = df.groupby("model")["score"].mean().round(2).to_dict()
json.dump(summary, open("results/mt_bench.json", "w"), indent=2)
