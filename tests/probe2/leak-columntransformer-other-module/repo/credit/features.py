import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["age", "income", "debt_ratio", "n_open_lines", "months_employed"]
CATEGORICAL = ["home_ownership", "purpose", "region"]


def make_preprocessor():
    num = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    cat = OneHotEncoder(handle_unknown="ignore")
    return ColumnTransformer([("num", num, NUMERIC), ("cat", cat, CATEGORICAL)])


def load_design_matrix(path):
    df = pd.read_csv(path)
    y = df["default"].to_numpy()
    preprocessor = make_preprocessor()
    X = preprocessor.fit_transform(df[NUMERIC + CATEGORICAL])
    return X, y
