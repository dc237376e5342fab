from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from tsfresh import extract_features
from tsfresh.feature_extraction import MinimalFCParameters

from har.load import load_sessions

long_df, y = load_sessions()
X = extract_features(long_df, column_id="session", column_sort="t",
                     default_fc_parameters=MinimalFCParameters())
y = y.loc[X.index]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=3)
clf = RandomForestClassifier(n_estimators=300, random_state=3).fit(X_tr, y_tr)
print("macro F1", f1_score(y_te, clf.predict(X_te), average="macro"))
