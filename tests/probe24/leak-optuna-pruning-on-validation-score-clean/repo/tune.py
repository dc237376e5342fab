import json

import numpy as np
import optuna
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split

data = np.load("data/features.npz")
X_train, X_test, y_train, y_test = train_test_split(data["X"], data["y"], test_size=0.2, random_state=0)
classes = np.unique(data["y"])
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.2, random_state=0)


def objective(trial):
    clf = SGDClassifier(alpha=trial.suggest_float("alpha", 1e-6, 1e-1, log=True),
                        loss=trial.suggest_categorical("loss", ["hinge", "log_loss"]), random_state=0)
    for epoch in range(20):
        clf.partial_fit(X_fit, y_fit, classes=classes)
        score = clf.score(X_val, y_val)
        trial.report(score, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return score


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0),
                            pruner=optuna.pruners.MedianPruner(n_warmup_steps=3))
study.optimize(objective, n_trials=50)
final = SGDClassifier(**study.best_params, random_state=0).fit(X_train, y_train)
json.dump({"params": study.best_params, "val_accuracy": study.best_value, "test_accuracy": final.score(X_test, y_test)}, open("results/tuned.json", "w"))
