import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from loans.columns import CATEGORICAL, NUMERIC, TARGET


def build_matrix(path):
    df = pd.read_csv(path)
    ct = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=20), CATEGORICAL),
    ])
    X = ct.fit_transform(df[NUMERIC + CATEGORICAL])
    return X, df[TARGET].to_numpy()
