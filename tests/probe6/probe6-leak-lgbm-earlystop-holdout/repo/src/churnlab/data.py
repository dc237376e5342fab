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
    return train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
