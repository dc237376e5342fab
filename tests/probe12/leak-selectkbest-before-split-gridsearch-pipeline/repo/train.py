import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

expr = pd.read_parquet("data/expression.parquet")
X = expr.drop(columns=["subtype"]).to_numpy()
y = expr["subtype"].to_numpy()

X = SelectKBest(f_classif, k=200).fit_transform(X, y)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=7)

pipe = Pipeline([("scale", StandardScaler()), ("svm", SVC())])
grid = GridSearchCV(pipe, {"svm__C": [0.1, 1, 10], "svm__gamma": ["scale", 1e-3, 1e-4]},
                    cv=StratifiedKFold(5, shuffle=True, random_state=7), scoring="balanced_accuracy")
grid.fit(X_tr, y_tr)
print("best", grid.best_params_)
print("test balanced accuracy", grid.score(X_te, y_te))
