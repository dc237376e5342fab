import json

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

folds = pd.read_csv(snakemake.input[0])  # noqa: F821
feats = pd.read_parquet("data/slide_features.parquet").set_index("slide").loc[folds["slide"]]
aucs = []
for k in range(5):
    te = (folds["fold"] == k).values
    clf = LogisticRegression(max_iter=5000, C=0.5).fit(feats[~te].drop(columns="label"), feats[~te]["label"])
    aucs.append(roc_auc_score(feats[te]["label"], clf.predict_proba(feats[te].drop(columns="label"))[:, 1]))
json.dump({"folds": 5, "auc_mean": float(np.mean(aucs)), "auc_per_fold": aucs}, open(snakemake.output[0], "w"))  # noqa: F821
