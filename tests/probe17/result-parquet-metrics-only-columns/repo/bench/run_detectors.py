import numpy as np
import pandas as pd
from pyod.models.ecod import ECOD
from pyod.models.iforest import IForest
from pyod.models.knn import KNN
from sklearn.metrics import average_precision_score, roc_auc_score

data = np.load("data/thyroid.npz")
X_tr, X_te, y_te = data["X_train"], data["X_test"], data["y_test"]

rows = []
for contamination in (0.01, 0.05, 0.1):
    for det in (IForest(contamination=contamination, random_state=0), KNN(contamination=contamination), ECOD(contamination=contamination)):
        det.fit(X_tr)
        s = det.decision_function(X_te)
        rows.append({"auroc": roc_auc_score(y_te, s), "ap": average_precision_score(y_te, s)})

pd.DataFrame(rows).to_parquet("results/detectors.parquet")
