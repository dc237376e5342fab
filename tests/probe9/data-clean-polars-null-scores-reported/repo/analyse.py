import polars as pl

df = pl.read_ndjson("outputs/judged.jsonl")
print(df.shape)

table = (
    df.group_by("model")
    .agg(
        pl.col("judge_score").mean().alias("mean_score"),
        pl.col("judge_score").is_null().sum().alias("n_judge_failed"),
        pl.len().alias("n"),
    )
    .sort("model")
)
print(table)
table.write_csv("results/mean_scores.csv")
