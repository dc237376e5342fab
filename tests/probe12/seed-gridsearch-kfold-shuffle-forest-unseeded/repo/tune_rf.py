import json

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, KFold

df = pd.read_csv("data/credit_train.csv")
X, y = df.drop(columns=["default"]), df["default"]

cv = KFold(n_splits=5, shuffle=True)
grid = GridSearchCV(RandomForestClassifier(n_estimators=300),
                    {"max_depth": [4, 8, 16, None], "min_samples_leaf": [1, 5, 20]},
                    cv=cv, scoring="roc_auc", n_jobs=-1)
grid.fit(X, y)
json.dump({"best_params": grid.best_params_, "cv_auc": grid.best_score_},
          open("results/rf_grid.json", "w"), indent=2)
