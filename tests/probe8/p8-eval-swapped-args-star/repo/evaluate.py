import argparse

from sklearn.metrics import *

ap = argparse.ArgumentParser()
ap.add_argument("--pred", required=True)
ap.add_argument("--gold", default="data/test_labels.txt")
args = ap.parse_args()

pred_list = [l.strip() for l in open(args.pred)]
grd_list = [l.strip() for l in open(args.gold)]
assert len(pred_list) == len(grd_list)

print("macro F1:", f1_score(pred_list, grd_list, average="macro"))
print(classification_report(pred_list, grd_list, digits=4))
