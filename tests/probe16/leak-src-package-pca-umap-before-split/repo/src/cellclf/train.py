import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

from .embed import reduce


def main():
    expr = np.load("data/expr.npy")
    meta = pd.read_csv("data/cells.csv")
    Z = reduce(expr)
    Z_tr, Z_te, y_tr, y_te = train_test_split(Z, meta["cell_type"], test_size=0.25,
                                              stratify=meta["cell_type"], random_state=0)
    clf = RandomForestClassifier(n_estimators=500, random_state=0).fit(Z_tr, y_tr)
    print("macro F1", f1_score(y_te, clf.predict(Z_te), average="macro"))


if __name__ == "__main__":
    main()
