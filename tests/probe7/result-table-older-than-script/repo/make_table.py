import pandas as pd

runs = pd.read_json("runs/all_runs.jsonl", lines=True)
runs = runs[runs["status"] == "finished"]
runs = runs[runs["seed"].isin([0, 1, 2, 3, 4])]
table = (runs.groupby(["method", "dataset"])["acc"]
         .agg(["mean", "sem", "count"])
         .round(4))
table.to_csv("results/table2.csv")
