import json

import numpy as np
from sklearn.metrics import *

labels = np.load("data/test_labels.npy")
scores = np.load("outputs/anomaly_scores.npy")
auc = roc_auc_score(scores, labels)
ap = average_precision_score(labels, scores)
json.dump({"auroc": auc, "auprc": ap}, open("results/detector_metrics.json", "w"))
