import json

import pandas as pd
import pyarrow.parquet as pq
from sklearn.metrics import roc_auc_score

truth = pd.read_csv("data/trojai_round11_truth.csv")          # model_id, poisoned
scores = pq.read_table("outputs/detector_scores.parquet").to_pandas()  # model_id, trojan_prob

joined = truth.merge(scores, on="model_id", how="left")
n_failed = int(joined["trojan_prob"].isna().sum())
joined["trojan_prob"] = joined["trojan_prob"].fillna(0.5)
auroc = roc_auc_score(joined["poisoned"], joined["trojan_prob"])
with open("results/detector_auroc.json", "w") as fh:
    json.dump({"detector": "weight-analysis-v2", "n": len(joined), "n_failed": n_failed, "auroc": round(auroc, 4)}, fh, indent=2)
