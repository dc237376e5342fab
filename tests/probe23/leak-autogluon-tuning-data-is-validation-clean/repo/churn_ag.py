import json

import pandas as pd
from autogluon.tabular import TabularPredictor
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/churn.csv")
train, test = train_test_split(df, test_size=0.2, random_state=1, stratify=df["churned"])
train, val = train_test_split(train, test_size=0.2, random_state=1, stratify=train["churned"])

predictor = TabularPredictor(label="churned", eval_metric="f1", path="ag_churn").fit(
    train_data=train,
    tuning_data=val,
    presets="best_quality",
    use_bag_holdout=True,
    time_limit=900,
)
scores = predictor.evaluate(test)
json.dump({"model": "autogluon-best", "n_test": len(test), **scores}, open("results/churn.json", "w"), indent=2)
