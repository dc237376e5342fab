import json

import h2o
from h2o.estimators import H2OGradientBoostingEstimator

h2o.init(nthreads=2)
frame = h2o.import_file("data/churn.csv")
frame["churned"] = frame["churned"].asfactor()
train, test = frame.split_frame(ratios=[0.8], seed=1234)

features = [c for c in frame.columns if c not in ("customer_id", "churned")]
gbm = H2OGradientBoostingEstimator(ntrees=300, max_depth=5, learn_rate=0.05, seed=1234)
gbm.train(x=features, y="churned", training_frame=train)

perf = gbm.model_performance()
json.dump({"model": "h2o-gbm", "test_auc": perf.auc(), "n_test": test.nrows}, open("results/churn.json", "w"))
