import pandas as pd

df = pd.read_json("outputs/judged.jsonl", lines=True)
summary = df.groupby("model").agg(mean_score=("score", "mean"), n=("score", "size")).reset_index()
summary.to_csv("results/summary.csv", index=False)
print(summary)
