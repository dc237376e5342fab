import pandas as pd

judged = pd.read_csv("outputs/judged.csv").assign(
    model=lambda d: d["model"].str.replace("-instruct", "", regex=False),
    judge_failed=lambda d: d["judge_score"].isna(),
)
print(f"judge failures: {int(judged['judge_failed'].sum())} of {len(judged)}")
summary = (
    judged.groupby("model", as_index=False)
    .agg(helpfulness=("judge_score", "mean"), n=("judge_score", "size"),
         judge_failed=("judge_failed", "sum"))
    .sort_values("helpfulness", ascending=False)
)
summary.to_csv("results/helpfulness_by_model.csv", index=False)
print(summary.to_string(index=False))
