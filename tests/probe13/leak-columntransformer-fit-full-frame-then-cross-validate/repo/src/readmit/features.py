from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["age", "n_prior_visits", "los_days", "hba1c"]
CATEGORICAL = ["admission_type", "discharge_to", "payer"]


def make_preprocessor():
    numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    return ColumnTransformer([
        ("num", numeric, NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])


def featurise(df):
    pre = make_preprocessor()
    X = pre.fit_transform(df[NUMERIC + CATEGORICAL])
    return X, df["readmitted_30d"].to_numpy()
