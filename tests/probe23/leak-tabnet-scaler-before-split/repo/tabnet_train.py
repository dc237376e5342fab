import numpy as np
import pandas as pd
from pytorch_tabnet.tab_model import TabNetClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/loans.csv")
y = df.pop("default").values
X = StandardScaler().fit_transform(df.values).astype(np.float32)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, random_state=42, stratify=y_tr)

clf = TabNetClassifier(seed=42, verbose=0)
clf.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], eval_metric=["auc"], max_epochs=100, patience=15)
print("test AUC", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
