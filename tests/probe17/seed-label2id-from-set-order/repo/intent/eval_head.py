import joblib
import numpy as np
import pandas as pd
from sentence_transformers import SentenceTransformer
from sklearn.metrics import accuracy_score

from intent.labels import label_maps

label2id, _ = label_maps("data/train.csv")
test = pd.read_csv("data/test.csv")
enc = SentenceTransformer("sentence-transformers/paraphrase-mpnet-base-v2")
head = joblib.load("models/head.joblib")
pred = head.predict(enc.encode(test["text"].tolist(), batch_size=64))
print("test accuracy", accuracy_score(np.array([label2id[l] for l in test["label"]]), pred), "n", len(test))
