import json

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupShuffleSplit

from sepsis.data import VITALS, load_cohort

df = load_cohort()
gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=11)
tr, te = next(gss.split(df, groups=df["patient_id"]))
train, test = df.iloc[tr], df.iloc[te]

clf = LogisticRegression(max_iter=1000, class_weight="balanced")
clf.fit(train[VITALS], train["sepsis_6h"])
auc = roc_auc_score(test["sepsis_6h"], clf.predict_proba(test[VITALS])[:, 1])
json.dump({"auroc": auc, "n_test": len(test), "seed": 11}, open("results/sepsis_lr.json", "w"))
print(f"AUROC {auc:.3f}")
