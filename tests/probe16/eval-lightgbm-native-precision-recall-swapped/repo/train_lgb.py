import json

import lightgbm as lgb
import numpy as np

from metrics_util import report

d = np.load("data/telemetry_splits.npz")
dtrain = lgb.Dataset(d["X_train"], label=d["y_train"])
dvalid = lgb.Dataset(d["X_val"], label=d["y_val"], reference=dtrain)
params = {"objective": "binary", "learning_rate": 0.05, "num_leaves": 63, "is_unbalance": True, "seed": 5, "verbose": -1}
booster = lgb.train(params, dtrain, num_boost_round=3000, valid_sets=[dvalid],
                    callbacks=[lgb.early_stopping(100)])
test_pred = (booster.predict(d["X_test"], num_iteration=booster.best_iteration) > 0.5).astype(int)
json.dump({"params": params, "best_iteration": booster.best_iteration, **report(test_pred, d["y_test"])},
          open("results/lgb_test.json", "w"), indent=1)
