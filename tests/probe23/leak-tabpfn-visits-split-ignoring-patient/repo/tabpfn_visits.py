import pandas as pd
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from tabpfn import TabPFNClassifier

visits = pd.read_csv("data/visits.csv")
features = ["age", "bmi", "sbp", "hba1c_prev", "visit_no"]
X, y = visits[features], visits["hba1c_high"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

clf = TabPFNClassifier(random_state=0)
clf.fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, clf.predict(X_test)))
