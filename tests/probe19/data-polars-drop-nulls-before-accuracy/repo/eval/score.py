import polars as pl
from sklearn.metrics import accuracy_score, f1_score

gold = pl.read_csv("data/test_labels.csv")
preds = pl.read_parquet("outputs/predictions.parquet")

df = gold.join(preds, on="id", how="left").drop_nulls()

print("accuracy", round(accuracy_score(df["label"], df["pred"]), 4))
print("macro F1", round(f1_score(df["label"], df["pred"], average="macro"), 4))
