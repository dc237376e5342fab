import json

import numpy as np
from sentence_transformers import SentenceTransformer
from sklearn.linear_model import LogisticRegression

from probe.scoring import summarise

enc = SentenceTransformer("all-MiniLM-L6-v2")
train = [json.loads(l) for l in open("data/banking77_train.jsonl")]
test = [json.loads(l) for l in open("data/banking77_test.jsonl")]
X_train = enc.encode([r["text"] for r in train], batch_size=256)
X_test = enc.encode([r["text"] for r in test], batch_size=256)
y_train = np.array([r["label"] for r in train])
y_test = np.array([r["label"] for r in test])

clf = LogisticRegression(max_iter=2000, C=2.0).fit(X_train, y_train)
report = summarise(clf.predict(X_test), y_test)
print(report)
json.dump({"encoder": "all-MiniLM-L6-v2", **report}, open("results/probe.json", "w"))
