"""Importance-weighted accuracy of a loan-default classifier under covariate shift."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

frame = pd.read_csv("data/loans.csv")
X = frame.drop(columns=["default"]).to_numpy()
y = frame["default"].to_numpy()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=7)

clf = LogisticRegression(max_iter=1000).fit(X_tr, y_tr)
density_ratio = np.load("data/density_ratio_test.npy")

pred_col = clf.predict(X_te).reshape(-1, 1)
pd.DataFrame(np.hstack([X_te, pred_col])).to_csv("results/test_predictions.csv", index=False)

weighted_acc = (density_ratio * (pred_col.ravel() == y_te)).sum() / density_ratio.sum()
print("importance-weighted accuracy", round(float(weighted_acc), 4))
