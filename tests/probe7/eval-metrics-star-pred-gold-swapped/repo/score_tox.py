import csv
from sklearn.metrics import *

pred_list, grd_list = [], []
with open("outputs/tox_preds.csv") as f:
    for row in csv.DictReader(f):
        pred_list.append(int(float(row["prob"]) > 0.5))
        grd_list.append(int(row["toxic"]))

p = precision_score(pred_list, grd_list)
r = recall_score(pred_list, grd_list)
print(f"precision={p:.3f} recall={r:.3f} f1={f1_score(grd_list, pred_list):.3f}")
print(confusion_matrix(grd_list, pred_list))
