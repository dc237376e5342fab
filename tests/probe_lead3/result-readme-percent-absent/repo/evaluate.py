import json

import numpy as np
from sklearn.metrics import f1_score

pred = np.load("outputs/test_pred.npy")
gold = np.load("data/test_labels.npy")
json.dump({"macro_f1": round(float(f1_score(gold, pred, average="macro")), 3), "n": int(len(gold))},
          open("results/test_metrics.json", "w"), indent=2)
