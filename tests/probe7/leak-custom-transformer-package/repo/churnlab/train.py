import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

from .features import build_features
from .split import holdout


def main():
    df = pd.read_csv("data/telco_churn.csv")
    X, y = build_features(df), df["churned"].astype(int)
    X_tr, X_te, y_tr, y_te = holdout(X, y)
    clf = HistGradientBoostingClassifier(max_iter=300, random_state=0).fit(X_tr, y_tr)
    print(f"test AUC {roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]):.4f}")


if __name__ == "__main__":
    main()
