import pandas as pd
from flaml import AutoML
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/credit.csv")
X, y = df.drop(columns=["default"]), df["default"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=2024)

automl = AutoML()
automl.fit(X_train, y_train, task="classification", metric="roc_auc", time_budget=900,
           eval_method="holdout", X_val=X_test, y_val=y_test, seed=2024)
print("best learner", automl.best_estimator, automl.best_config)
print("test AUC", roc_auc_score(y_test, automl.predict_proba(X_test)[:, 1]))
