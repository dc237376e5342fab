import itertools

import mlflow
import numpy as np
from sklearn.metrics import accuracy_score
from sklearn.svm import SVC

data = np.load("data/splits.npz")
X_train, y_train, X_test, y_test = data["X_train"], data["y_train"], data["X_test"], data["y_test"]

mlflow.set_experiment("svm-sweep")
for C, gamma in itertools.product([0.1, 1, 10, 100], [1e-3, 1e-2, 1e-1]):
    with mlflow.start_run():
        mlflow.log_params({"C": C, "gamma": gamma})
        clf = SVC(C=C, gamma=gamma).fit(X_train, y_train)
        mlflow.log_metric("test_accuracy", accuracy_score(y_test, clf.predict(X_test)))
