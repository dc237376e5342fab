import json

import polars as pl
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

train = pl.read_parquet("data/train.parquet")
test = pl.read_parquet("data/test.parquet")
vec = TfidfVectorizer(min_df=2).fit(train["text"].to_list())
clf = LogisticRegression(max_iter=2000).fit(vec.transform(train["text"].to_list()), train["toxic"].to_numpy())
f1 = f1_score(test["toxic"].to_numpy(), clf.predict(vec.transform(test["text"].to_list())))
json.dump({"model": "tfidf-logreg", "seed": 0, "n_test": test.height, "f1": f1}, open("results/toxicity.json", "w"))
