from __future__ import annotations

import pandas as pd
from sklearn.model_selection import train_test_split

CATEGORICAL = ["plan", "region", "payment_method"]


def load(path: str) -> pd.DataFrame:
    df = pd.read_parquet(path)
    for c in CATEGORICAL:
        df[c] = df[c].astype("category")
    return df


def split(df: pd.DataFrame, seed: int = 13):
    X = df.drop(columns=["customer_id", "churned"])
    y = df["churned"]
    X_rest, X_te, y_rest, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
    X_tr, X_va, y_tr, y_va = train_test_split(X_rest, y_rest, test_size=0.2, stratify=y_rest,
                                              random_state=seed)
    return X_tr, X_va, X_te, y_tr, y_va, y_te
