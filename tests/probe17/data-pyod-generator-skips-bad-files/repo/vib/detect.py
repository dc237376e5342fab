import numpy as np
import pandas as pd
from pyod.models.iforest import IForest
from sklearn.metrics import roc_auc_score

from vib.features import spectra

meta = pd.read_csv("data/recordings.csv")  # path, split, is_anomaly
train = meta[meta["split"] == "train"]
test = meta[meta["split"] == "test"]

tr_ids, tr_X = zip(*spectra(sorted(train["path"])))
te_ids, te_X = zip(*spectra(sorted(test["path"])))
det = IForest(n_estimators=300, contamination=0.05, random_state=0).fit(np.stack(tr_X))
labels = test.assign(stem=test["path"].str.extract(r"([^/]+)\.wav$")[0]).set_index("stem").loc[list(te_ids), "is_anomaly"]
print("test AUROC", roc_auc_score(labels, det.decision_function(np.stack(te_X))))
