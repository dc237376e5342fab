import json
from sklearn.metrics import *

with open("outputs/tagger_predictions.json") as fh:
    dump = json.load(fh)

pred_list, grd_list = [], []
for sent in dump:
    pred_list.extend(sent["pred_tags"])
    grd_list.extend(sent["gold_tags"])

print(classification_report(pred_list, grd_list, digits=4))
macro = f1_score(pred_list, grd_list, average="macro")
print("macro F1", round(macro, 4))
