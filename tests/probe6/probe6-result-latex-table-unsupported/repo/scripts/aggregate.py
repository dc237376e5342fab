import pandas as pd

df = pd.read_csv("results/ood_auroc.csv")
table = df.groupby("method")["auroc"].agg(["mean", "std"]).mul(100).round(1)
print(table)
