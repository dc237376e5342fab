import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["income", "loan_amount", "term_months", "dti", "credit_lines"]
CATEGORICAL = ["purpose", "home_ownership", "state"]


def build_preprocessor():
    num = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    return ColumnTransformer([("num", num, NUMERIC),
                              ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL)])


def load_frame(path="data/loans.csv"):
    df = pd.read_csv(path)
    return df[NUMERIC + CATEGORICAL], df["defaulted"].to_numpy()
