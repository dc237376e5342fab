import polars as pl

scores = pl.read_parquet("outputs/judge_scores.parquet")

summary = (
    scores
    .drop_nulls()
    .group_by("condition")
    .agg(
        mean_score=pl.col("judge_score").mean(),
        sem=pl.col("judge_score").std() / pl.len().sqrt(),
    )
    .sort("condition")
)
print(summary)
summary.write_csv("results/helpfulness_by_condition.csv")
