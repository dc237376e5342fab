import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split

from features import featurise

table = pd.read_csv("data/recordings.csv")
X, y = featurise(table)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=7)
clf = RandomForestClassifier(n_estimators=400, random_state=7).fit(X_tr, y_tr)
print("balanced accuracy", balanced_accuracy_score(y_te, clf.predict(X_te)))
