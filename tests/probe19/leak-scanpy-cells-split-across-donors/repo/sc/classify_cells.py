import numpy as np
import scanpy as sc
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

adata = sc.read_h5ad("data/pbmc_lupus_24donors.h5ad")
sc.pp.normalize_total(adata, target_sum=1e4)
sc.pp.log1p(adata)

X = adata.X.toarray() if hasattr(adata.X, "toarray") else np.asarray(adata.X)
y = (adata.obs["disease"] == "SLE").to_numpy().astype(int)
print(adata.obs["donor_id"].nunique(), "donors,", adata.n_obs, "cells")

idx = np.arange(adata.n_obs)
idx_train, idx_test = train_test_split(idx, test_size=0.25, stratify=y, random_state=0)

clf = LogisticRegression(max_iter=2000, C=0.1).fit(X[idx_train], y[idx_train])
print(f"cell-level test ROC-AUC {roc_auc_score(y[idx_test], clf.predict_proba(X[idx_test])[:, 1]):.3f}")
