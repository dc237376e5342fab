import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split


def preprocess(raw: pd.DataFrame, numeric_cols: list) -> pd.DataFrame:
    df = raw.dropna(subset=["failure"]).copy()
    df[numeric_cols] = np.log1p(df[numeric_cols].clip(lower=0))
    return df


def split_data(df: pd.DataFrame, params: dict):
    X = df.drop(columns=["failure", "machine_id"])
    y = df["failure"]
    return train_test_split(X, y, test_size=params["test_size"], random_state=params["random_state"], stratify=y)


def train_model(X_train: pd.DataFrame, y_train: pd.Series) -> GradientBoostingClassifier:
    return GradientBoostingClassifier(random_state=0).fit(X_train, y_train)


def evaluate_model(clf, X_test: pd.DataFrame, y_test: pd.Series) -> dict:
    proba = clf.predict_proba(X_test)[:, 1]
    return {"n_test": len(y_test), "auroc": float(roc_auc_score(y_test, proba)), "f1": float(f1_score(y_test, proba > 0.5))}
