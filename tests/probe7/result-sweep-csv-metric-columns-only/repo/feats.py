import numpy as np

FEATURE_SETS = ["tfidf", "liwc", "tfidf+liwc"]


def load_split(name):
    d = np.load(f"features/{name}.npz")
    return d["X_tr"], d["X_te"], d["y_tr"], d["y_te"]
