import pandas as pd

runs = pd.read_json("runs/all_runs.jsonl", lines=True)
table = runs.groupby(["method", "dataset"])["acc"].agg(["mean", "std", "count"]).round(4)
table.to_csv("results/table2.csv")
