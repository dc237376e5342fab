import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

NUM_COLS = ["tenure_months", "monthly_charges", "total_charges", "support_calls"]


class RobustZ(BaseEstimator, TransformerMixin):
    def fit(self, X, y=None):
        X = np.asarray(X, dtype=float)
        self.median_ = np.nanmedian(X, axis=0)
        q75, q25 = np.nanpercentile(X, [75, 25], axis=0)
        self.iqr_ = np.where(q75 - q25 == 0, 1.0, q75 - q25)
        return self

    def transform(self, X):
        return (np.asarray(X, dtype=float) - self.median_) / self.iqr_


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.get_dummies(df[["contract", "payment_method"]], dtype=float)
    out[NUM_COLS] = RobustZ().fit_transform(df[NUM_COLS])
    return out
