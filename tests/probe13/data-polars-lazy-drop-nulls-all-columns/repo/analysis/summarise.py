import polars as pl

scores = pl.scan_parquet("results/judge_scores.parquet")
items = pl.scan_csv("data/items.csv")

table = (
    scores.join(items, on="item_id", how="left")
    .drop_nulls()
    .group_by("system")
    .agg(pl.col("score").mean().alias("mean_score"), pl.col("length").mean().alias("mean_len"))
    .sort("mean_score", descending=True)
    .collect()
)
print(table)
table.write_csv("results/system_means.csv")
