import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/winequality-red.csv", sep=";")
X = df.drop(columns=["quality"])
y = (df["quality"] >= 7).astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)
clf = RandomForestClassifier(n_estimators=200).fit(X_train, y_train)
print(f"accuracy: {accuracy_score(y_test, clf.predict(X_test)):.3f}")
