import json
import sys

from sklearn.metrics import *

grd_list, pred_list = [], []
for line in open(sys.argv[1]):
    rec = json.loads(line)
    grd_list.append(rec["gold_intent"])
    pred_list.append(rec["predicted_intent"])

p = precision_score(pred_list, grd_list, average="macro")
r = recall_score(grd_list, pred_list, average="macro")
print(json.dumps({"macro_precision": p, "macro_recall": r, "n": len(grd_list)}))
