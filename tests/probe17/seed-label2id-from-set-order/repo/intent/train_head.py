import joblib
import numpy as np
import pandas as pd
from sentence_transformers import SentenceTransformer
from sklearn.linear_model import LogisticRegression

from intent.labels import label_maps

label2id, _ = label_maps("data/train.csv")
df = pd.read_csv("data/train.csv")
enc = SentenceTransformer("sentence-transformers/paraphrase-mpnet-base-v2")
X = enc.encode(df["text"].tolist(), batch_size=64)
head = LogisticRegression(max_iter=3000, C=2.0).fit(X, np.array([label2id[l] for l in df["label"]]))
joblib.dump(head, "models/head.joblib")
