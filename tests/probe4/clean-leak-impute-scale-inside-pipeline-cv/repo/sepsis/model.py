import json

from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sepsis.data import VITALS, load_cohort

df = load_cohort()
pipe = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(),
                     LogisticRegression(max_iter=1000, class_weight="balanced"))
scores = cross_val_score(pipe, df[VITALS], df["sepsis_6h"], groups=df["patient_id"],
                         cv=GroupKFold(n_splits=5), scoring="roc_auc")
json.dump({"auroc_mean": scores.mean(), "auroc_sd": scores.std(), "folds": scores.tolist(),
           "n": len(df)}, open("results/sepsis_lr.json", "w"))
