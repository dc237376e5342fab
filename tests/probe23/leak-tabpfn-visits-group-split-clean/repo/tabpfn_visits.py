import pandas as pd
from sklearn.metrics import accuracy_score
from sklearn.model_selection import GroupShuffleSplit
from tabpfn import TabPFNClassifier

visits = pd.read_csv("data/visits.csv")
features = ["age", "bmi", "sbp", "hba1c_prev", "visit_no"]
X, y = visits[features], visits["hba1c_high"]

gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0)
tr, te = next(gss.split(X, y, groups=visits["patient_id"]))
X_train, X_test, y_train, y_test = X.iloc[tr], X.iloc[te], y.iloc[tr], y.iloc[te]

clf = TabPFNClassifier(random_state=0)
clf.fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, clf.predict(X_test)))
