import json

import pandas as pd
from catboost import CatBoostClassifier, Pool
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

CAT_COLS = ["grade", "home_ownership", "purpose", "addr_state"]


def main():
    df = pd.read_csv("data/loans.csv")
    y = df.pop("default")
    X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.25, stratify=y, random_state=42)
    model = CatBoostClassifier(iterations=3000, learning_rate=0.05, depth=6, eval_metric="AUC", random_seed=42, verbose=200)
    model.fit(Pool(X_train, y_train, cat_features=CAT_COLS),
              eval_set=Pool(X_test, y_test, cat_features=CAT_COLS),
              early_stopping_rounds=100)
    auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
    with open("results/catboost.json", "w") as fh:
        json.dump({"model": "catboost", "best_iteration": model.get_best_iteration(), "seed": 42, "test_auc": auc}, fh)


if __name__ == "__main__":
    main()
