import pandas as pd

summary = (
    pd.read_csv("outputs/judged.csv")
    .assign(model=lambda d: d["model"].str.replace("-instruct", "", regex=False))
    .dropna()
    .groupby("model", as_index=False)
    .agg(helpfulness=("judge_score", "mean"), n=("judge_score", "size"))
    .sort_values("helpfulness", ascending=False)
)
summary.to_csv("results/helpfulness_by_model.csv", index=False)
print(summary.to_string(index=False))
