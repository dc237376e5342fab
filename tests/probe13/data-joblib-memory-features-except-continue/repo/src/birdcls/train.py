import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import classification_report

from birdcls.features import build_matrix


def main():
    train = pd.read_csv("data/train_meta.csv")
    test = pd.read_csv("data/test_meta.csv")
    X_tr, y_tr = build_matrix(train)
    X_te, y_te = build_matrix(test)
    clf = HistGradientBoostingClassifier(random_state=0).fit(X_tr, y_tr)
    print(classification_report(y_te, clf.predict(X_te)))


if __name__ == "__main__":
    main()
