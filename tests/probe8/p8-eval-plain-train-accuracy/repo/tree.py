import pandas as pd
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("data/titanic_clean.csv")
X = df[["pclass", "sex_male", "age", "sibsp", "parch", "fare"]]
y = df["survived"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=10)
model = DecisionTreeClassifier(max_depth=6, random_state=10)
model.fit(X_train, y_train)
y_pred = model.predict(X_train)
print("Test accuracy:", accuracy_score(y_train, y_pred))
