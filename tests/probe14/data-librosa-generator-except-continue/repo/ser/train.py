import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score
from sklearn.svm import SVC

from ser.features import iter_features


def build(split_csv):
    rows = pd.read_csv(split_csv).to_dict("records")
    pairs = list(iter_features(rows))
    X = np.stack([f for f, _ in pairs])
    y = np.array([lab for _, lab in pairs])
    return X, y


def main():
    X_tr, y_tr = build("data/train.csv")
    X_te, y_te = build("data/test.csv")
    clf = SVC(C=10, gamma="scale").fit(X_tr, y_tr)
    acc = accuracy_score(y_te, clf.predict(X_te))
    print(f"test accuracy {acc:.3f}")


if __name__ == "__main__":
    main()
