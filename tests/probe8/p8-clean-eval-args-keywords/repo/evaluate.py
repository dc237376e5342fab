import argparse

from sklearn.metrics import classification_report, f1_score

ap = argparse.ArgumentParser()
ap.add_argument("--pred", required=True)
ap.add_argument("--gold", default="data/test_labels.txt")
args = ap.parse_args()

pred_list = [l.strip() for l in open(args.pred)]
grd_list = [l.strip() for l in open(args.gold)]
assert len(pred_list) == len(grd_list)

print("macro F1:", f1_score(y_true=grd_list, y_pred=pred_list, average="macro"))
print(classification_report(grd_list, pred_list, digits=4))
