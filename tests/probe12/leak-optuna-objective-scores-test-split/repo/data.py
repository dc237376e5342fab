import pandas as pd
from sklearn.model_selection import train_test_split


def load_splits(seed=0):
    df = pd.read_csv("data/churn.csv")
    X, y = df.drop(columns=["churned"]), df["churned"]
    return train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
