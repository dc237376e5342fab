import json

import pandas as pd

df = pd.read_json("outputs/judged.jsonl", lines=True)
scored = df.query("score == score")
summary = scored.groupby("model")["score"].mean().round(3).to_dict()
dropped = df["score"].isna().groupby(df["model"]).sum().to_dict()
json.dump({"mean_judge_score": summary, "unscored_rows": dropped}, open("results/judge_summary.json", "w"), indent=1)
