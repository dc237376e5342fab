import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/deals.csv")
df = df.eval("margin = revenue - cost")
df["profitable"] = (df["margin"] > 0).astype(int)

X = df.drop(columns=["profitable", "deal_id", "margin", "revenue", "cost"])
y = df["profitable"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=3)
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, clf.predict(X_test)))
