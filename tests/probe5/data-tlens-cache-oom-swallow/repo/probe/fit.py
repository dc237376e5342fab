import torch
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from .collect import collect


def main():
    X, y = collect()
    X_tr, X_te, y_tr, y_te = train_test_split(X.numpy(), y.numpy(), test_size=0.25, random_state=0, stratify=y.numpy())
    clf = LogisticRegression(max_iter=2000).fit(X_tr, y_tr)
    print(f"probe acc: {clf.score(X_te, y_te):.3f}")


if __name__ == "__main__":
    main()
