import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from loans.columns import CATEGORICAL, NUMERIC, TARGET


def build_preprocessor():
    return ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=20), CATEGORICAL),
    ])


def build_matrix(path):
    df = pd.read_csv(path)
    return df[NUMERIC + CATEGORICAL], df[TARGET].to_numpy()
