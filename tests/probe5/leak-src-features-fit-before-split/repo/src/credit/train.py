import argparse

import joblib
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from .features import NUMERIC, build_features


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data/loans.csv")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    raw = pd.read_csv(args.data)
    y = raw.pop("defaulted")
    X = build_features(raw)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=args.seed)
    clf = HistGradientBoostingClassifier(random_state=args.seed).fit(X_tr, y_tr)
    print(f"test AUC: {roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]):.4f}")
    joblib.dump(clf, "models/hgb.joblib")


if __name__ == "__main__":
    main()
