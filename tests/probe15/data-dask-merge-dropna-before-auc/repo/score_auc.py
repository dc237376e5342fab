import dask.dataframe as dd
from sklearn.metrics import roc_auc_score

preds = dd.read_parquet("outputs/scores/*.parquet", columns=["patient_id", "risk", "note"])
outcomes = dd.read_parquet("data/outcomes.parquet")

joined = preds.merge(outcomes, on="patient_id", how="inner")
joined = joined.dropna()
pdf = joined.compute()

auc = roc_auc_score(pdf["died_90d"], pdf["risk"])
print(f"90-day mortality AUC: {auc:.3f}")
pdf[["patient_id", "risk", "died_90d"]].to_parquet("results/scored.parquet")
