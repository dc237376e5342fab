from mlxtend.feature_selection import SequentialFeatureSelector as SFS
from sklearn.linear_model import Ridge


def choose_columns(X, y, k=12):
    sfs = SFS(Ridge(alpha=1.0), k_features=k, forward=True, scoring="r2", cv=5, n_jobs=-1)
    sfs = sfs.fit(X, y)
    return list(sfs.k_feature_names_)
