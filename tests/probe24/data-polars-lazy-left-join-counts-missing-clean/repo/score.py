import json

import polars as pl

gold = pl.scan_ndjson("data/gold.jsonl")
preds = pl.scan_ndjson("outputs/predictions.jsonl")

scored = (
    gold.join(preds, on="item_id", how="left")
    .with_columns((pl.col("prediction") == pl.col("answer")).fill_null(False).alias("correct"))
    .collect()
)
acc = scored["correct"].mean()
json.dump({"model": "llama-3.1-8b-instruct", "n": scored.height, "n_missing": scored["prediction"].null_count(), "accuracy": acc}, open("results/accuracy.json", "w"))
