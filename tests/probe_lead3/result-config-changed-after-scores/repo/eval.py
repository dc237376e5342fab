import json

import numpy as np
import yaml
from sklearn.metrics import f1_score

cfg = yaml.safe_load(open("configs/eval.yaml"))
scores = np.load(f"outputs/{cfg['split']}_scores.npy")
labels = np.load(f"data/{cfg['split']}_labels.npy")
pred = (scores >= cfg["threshold"]).astype(int)
json.dump({"f1": round(float(f1_score(labels, pred)), 4), "threshold": cfg["threshold"]},
          open("results/detector.json", "w"))
