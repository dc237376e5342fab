import numpy as np
import pandas as pd
from scipy.stats import loguniform
from sklearn.metrics import accuracy_score
from sklearn.model_selection import RandomizedSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

df = pd.read_csv("data/wine_quality.csv")
X, y = df.drop(columns="quality_label").values, df["quality_label"].values

pipe = make_pipeline(StandardScaler(), SVC())
search = RandomizedSearchCV(pipe, {"svc__C": loguniform(1e-2, 1e3), "svc__gamma": loguniform(1e-4, 1e0)},
                            n_iter=60, cv=5, random_state=0, n_jobs=-1)
search.fit(X, y)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
print("best params", search.best_params_)
print("test accuracy", accuracy_score(y_te, search.best_estimator_.predict(X_te)))
