import json

import pandas as pd
from autogluon.tabular import TabularPredictor
from sklearn.metrics import roc_auc_score

LABEL = "is_fraud"
train = pd.read_parquet("data/train.parquet")
val = pd.read_parquet("data/val.parquet")
test = pd.read_parquet("data/test.parquet")

predictor = TabularPredictor(label=LABEL, eval_metric="roc_auc", path="ag_models").fit(
    train, tuning_data=val, time_limit=600, presets="medium_quality"
)
pred = predictor.predict(test)
auc = roc_auc_score(test[LABEL], pred)
json.dump({"model": "autogluon-medium", "n_test": len(test), "roc_auc": auc}, open("results/fraud.json", "w"))
