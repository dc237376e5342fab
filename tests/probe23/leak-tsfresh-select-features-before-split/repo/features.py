import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from tsfresh import extract_features, select_features
from tsfresh.utilities.dataframe_functions import impute

series = pd.read_csv("data/vibration.csv")
y = pd.read_csv("data/labels.csv", index_col="id")["faulty"]

X = extract_features(series, column_id="id", column_sort="time")
impute(X)
X = select_features(X, y)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
clf = RandomForestClassifier(n_estimators=300, random_state=0).fit(X_train, y_train)
print("F1", f1_score(y_test, clf.predict(X_test)))
