import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split
from tsfresh import extract_features, select_features
from tsfresh.utilities.dataframe_functions import impute

windows = pd.read_parquet("data/vibration_windows.parquet")
y = pd.read_csv("data/window_labels.csv", index_col="window_id")["fault"]

X = extract_features(windows, column_id="window_id", column_sort="t")
impute(X)
X = select_features(X, y.loc[X.index], fdr_level=0.01)

X_tr, X_te, y_tr, y_te = train_test_split(X, y.loc[X.index], test_size=0.3, random_state=0, stratify=y.loc[X.index])
clf = LogisticRegression(max_iter=2000).fit(X_tr, y_tr)
print("balanced accuracy", balanced_accuracy_score(y_te, clf.predict(X_te)))
