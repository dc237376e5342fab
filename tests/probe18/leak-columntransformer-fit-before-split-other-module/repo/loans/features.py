import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["income", "loan_amount", "term_months", "dti", "credit_history_years"]
CATEGORICAL = ["purpose", "home_ownership", "state"]


def build_matrix(path="data/applications.csv"):
    apps = pd.read_csv(path)
    pre = ColumnTransformer([
        ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])
    X = pre.fit_transform(apps[NUMERIC + CATEGORICAL])
    return X, apps["defaulted"].to_numpy()
