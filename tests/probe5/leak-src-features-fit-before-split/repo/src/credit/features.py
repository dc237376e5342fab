import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import QuantileTransformer

NUMERIC = ["income", "loan_amount", "dti", "revol_util", "emp_length"]


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["loan_to_income"] = out["loan_amount"] / out["income"].replace(0, np.nan)
    cols = NUMERIC + ["loan_to_income"]
    imputer = SimpleImputer(strategy="median")
    qt = QuantileTransformer(n_quantiles=200, output_distribution="normal")
    out[cols] = qt.fit_transform(imputer.fit_transform(out[cols]))
    return pd.get_dummies(out, columns=["grade", "home_ownership"], dtype=float)
