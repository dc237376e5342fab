import json

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.concat([pd.read_csv("data/forum_a.csv"), pd.read_csv("data/forum_b.csv")], ignore_index=True)
train, test = train_test_split(df, test_size=0.2, random_state=0, stratify=df["topic"])
train = train.drop_duplicates(subset="question")
test = test.drop_duplicates(subset="question")
vec = TfidfVectorizer(min_df=2).fit(train["question"])
clf = LogisticRegression(max_iter=2000).fit(vec.transform(train["question"]), train["topic"])
f1 = f1_score(test["topic"], clf.predict(vec.transform(test["question"])), average="macro")
json.dump({"macro_f1": f1}, open("results/topics.json", "w"))
