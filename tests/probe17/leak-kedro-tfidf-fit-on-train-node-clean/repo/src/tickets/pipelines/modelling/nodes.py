import logging

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

log = logging.getLogger(__name__)


def vectorise(tickets: pd.DataFrame, params: dict):
    return tickets["body"].values, tickets["queue"].values


def split(X, y, params: dict):
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=params["test_size"], stratify=y,
                                              random_state=params["seed"])
    return X_tr, X_te, y_tr, y_te


def fit_and_score(X_tr, X_te, y_tr, y_te, params: dict) -> dict:
    vec = TfidfVectorizer(min_df=params["min_df"], ngram_range=(1, 2), sublinear_tf=True)
    A_tr = vec.fit_transform(X_tr)
    A_te = vec.transform(X_te)
    clf = LogisticRegression(C=params["C"], max_iter=2000).fit(A_tr, y_tr)
    f1 = f1_score(y_te, clf.predict(A_te), average="macro")
    log.info("macro F1 %.3f on %d tickets", f1, len(y_te))
    return {"macro_f1": float(f1), "n_test": int(len(y_te)), **params}
