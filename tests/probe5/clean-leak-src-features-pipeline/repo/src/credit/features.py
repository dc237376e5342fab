import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import QuantileTransformer

NUMERIC = ["income", "loan_amount", "dti", "revol_util", "emp_length", "loan_to_income"]


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["loan_to_income"] = out["loan_amount"] / out["income"].replace(0, np.nan)
    return pd.get_dummies(out, columns=["grade", "home_ownership"], dtype=float)


def make_preprocessor() -> ColumnTransformer:
    numeric = make_pipeline(SimpleImputer(strategy="median"),
                            QuantileTransformer(n_quantiles=200, output_distribution="normal"))
    return ColumnTransformer([("num", numeric, NUMERIC)], remainder="passthrough")
