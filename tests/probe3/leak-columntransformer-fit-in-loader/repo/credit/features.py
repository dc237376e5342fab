import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["age", "income", "loan_amount", "credit_history_months", "debt_to_income"]
CATEGORICAL = ["home_ownership", "purpose", "employment_type"]
TARGET = "defaulted"

preprocess = ColumnTransformer([
    ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), NUMERIC),
    ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
])


def load_features(path: str):
    df = pd.read_csv(path)
    X = preprocess.fit_transform(df[NUMERIC + CATEGORICAL])
    y = df[TARGET].to_numpy()
    return X, y
