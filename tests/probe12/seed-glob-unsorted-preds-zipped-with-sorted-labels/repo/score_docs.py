import glob
import json

from sklearn.metrics import f1_score

pred_files = glob.glob("preds/*.json")
gold_files = sorted(glob.glob("gold/*.json"))

y_pred, y_true = [], []
for pf, gf in zip(pred_files, gold_files):
    y_pred.append(json.load(open(pf))["label"])
    y_true.append(json.load(open(gf))["label"])
print("micro F1", f1_score(y_true, y_pred, average="micro"))
