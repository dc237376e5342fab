import polars as pl

df = pl.read_ndjson("outputs/judged.jsonl")
print(df.shape)

scored = df.filter(pl.col("judge_score").is_not_null())
table = scored.group_by("model").agg(pl.col("judge_score").mean().alias("mean_score")).sort("model")
print(table)
table.write_csv("results/mean_scores.csv")
