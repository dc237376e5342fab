import json

import dask.dataframe as dd

preds = dd.read_parquet("outputs/predictions/")
gold = dd.read_parquet("data/mnli_matched_labels.parquet")
df = gold.merge(preds, on="pair_id", how="left")
df["pred"] = df["pred"].fillna("<unparsed>")
acc = (df["pred"] == df["label"]).mean().compute()
n = len(df)

with open("results/accuracy.json", "w") as fh:
    json.dump({"model": "deberta-v3-large-zeroshot", "split": "validation_matched", "n": int(n), "accuracy": float(acc)}, fh)
