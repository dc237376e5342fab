import json

import dask.dataframe as dd
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import roc_auc_score

FEATURES = ["hour", "banner_pos", "site_category_id", "app_category_id", "device_type", "c14", "c17", "c21"]
ddf = dd.read_parquet("data/clicks/")
train, test = ddf.random_split([0.9, 0.1])
train_pdf, test_pdf = train.compute(), test.compute()

clf = SGDClassifier(loss="log_loss", alpha=1e-5, random_state=0).fit(train_pdf[FEATURES], train_pdf["click"])
auc = roc_auc_score(test_pdf["click"], clf.predict_proba(test_pdf[FEATURES])[:, 1])
with open("results/ctr_auc.json", "w") as fh:
    json.dump({"model": "sgd-logloss", "n_test": len(test_pdf), "auc": round(auc, 4)}, fh)
