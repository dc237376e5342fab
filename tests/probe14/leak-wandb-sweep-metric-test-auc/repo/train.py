import pandas as pd
import wandb
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def main():
    run = wandb.init(project="churn-xgb")
    cfg = run.config
    df = pd.read_parquet("data/churn.parquet")
    X, y = df.drop(columns=["churned"]), df["churned"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    clf = xgb.XGBClassifier(n_estimators=400, max_depth=cfg.max_depth, learning_rate=cfg.eta,
                            subsample=cfg.subsample, random_state=0)
    clf.fit(X_tr, y_tr)
    test_auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
    wandb.log({"test_auc": test_auc})
    run.finish()


if __name__ == "__main__":
    main()
