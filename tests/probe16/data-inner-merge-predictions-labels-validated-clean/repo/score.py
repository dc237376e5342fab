import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score

preds = pd.read_csv("outputs/predictions_2024_06.csv")        # customer_id, p_churn
truth = pd.read_csv("data/labels_2024_06.csv")                # customer_id, churned
df = truth.merge(preds, on="customer_id", how="left", validate="one_to_one")
missing = df["p_churn"].isna().sum()
assert missing == 0, f"{missing} of {len(truth)} labelled customers have no prediction"

auc = roc_auc_score(df["churned"], df["p_churn"])
ap = average_precision_score(df["churned"], df["p_churn"])
pd.DataFrame([{"month": "2024-06", "auc": auc, "ap": ap}]).to_csv("results/june.csv", index=False)
print(f"AUC {auc:.3f}  AP {ap:.3f}")
