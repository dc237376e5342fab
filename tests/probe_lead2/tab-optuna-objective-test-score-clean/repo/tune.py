import json

import optuna
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/churn.parquet")
X, y = df.drop(columns="churned"), df["churned"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=7, stratify=y)
X_fit, X_val, y_fit, y_val = train_test_split(X_tr, y_tr, test_size=0.2, random_state=7, stratify=y_tr)


def objective(trial):
    clf = HistGradientBoostingClassifier(
        learning_rate=trial.suggest_float("lr", 1e-3, 0.3, log=True),
        max_depth=trial.suggest_int("depth", 2, 10),
        random_state=0,
    ).fit(X_fit, y_fit)
    return accuracy_score(y_val, clf.predict(X_val))


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, n_trials=50)
final = HistGradientBoostingClassifier(learning_rate=study.best_params["lr"], max_depth=study.best_params["depth"], random_state=0).fit(X_tr, y_tr)
json.dump({"best_params": study.best_params, "test_accuracy": accuracy_score(y_te, final.predict(X_te))}, open("results/tuned.json", "w"))
