import csv
import itertools

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

train = pd.read_csv("data/har_train.csv")
test = pd.read_csv("data/har_test.csv")
FEATURE_SETS = {"time": [c for c in train if c.startswith("t")], "all": [c for c in train if c != "activity"]}
MODELS = {"rf": lambda s: RandomForestClassifier(300, random_state=s), "lr": lambda s: LogisticRegression(max_iter=2000)}

with open("results/runs.csv", "w", newline="") as fh:
    writer = csv.writer(fh)
    writer.writerow(["accuracy", "macro_f1"])
    for (fs, cols), (mname, make), seed in itertools.product(FEATURE_SETS.items(), MODELS.items(), [0, 1, 2]):
        clf = make(seed).fit(train[cols], train["activity"])
        pred = clf.predict(test[cols])
        writer.writerow([accuracy_score(test["activity"], pred), f1_score(test["activity"], pred, average="macro")])
