import json

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from loans.preprocess import build_matrix, build_preprocessor


def main():
    X, y = build_matrix("data/loans.csv")
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    clf = make_pipeline(build_preprocessor(), LogisticRegression(max_iter=1000)).fit(X_tr, y_tr)
    auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
    json.dump({"test_auc": auc, "n_test": int(len(y_te)), "seed": 0}, open("results/auc.json", "w"))


if __name__ == "__main__":
    main()
