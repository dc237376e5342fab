import numpy as np
import yaml
from sentence_transformers import SentenceTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

enc = SentenceTransformer("all-MiniLM-L6-v2")
tr = [l.rstrip("\n").split("\t") for l in open("data/train.tsv")]
te = [l.rstrip("\n").split("\t") for l in open("data/test.tsv")]
Xtr, Xte = enc.encode([t for t, _ in tr]), enc.encode([t for t, _ in te])
clf = LogisticRegression(max_iter=2000).fit(Xtr, [y for _, y in tr])
f1 = f1_score([y for _, y in te], clf.predict(Xte), average="macro")
yaml.safe_dump({"model": "all-MiniLM-L6-v2", "probe": "logreg", "test_macro_f1": round(float(f1), 3), "n_test": len(te)},
               open("results/metrics.yaml", "w"))
