import json

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

tr, te = pd.read_csv("data/train.csv"), pd.read_csv("data/test.csv")
feats = [c for c in tr.columns if c.startswith("mfcc_")]
clf = LogisticRegression(max_iter=2000).fit(tr[feats], tr["emotion"])
json.dump({"test_acc": accuracy_score(te["emotion"], clf.predict(te[feats]))}, open("results/emotion.json", "w"))
