import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import MinMaxScaler

df = pd.read_csv("data/loans.csv")
num_cols = [c for c in df.columns if c != "default"]
df[num_cols] = MinMaxScaler().fit_transform(df[num_cols])
train, test = train_test_split(df, test_size=0.2, random_state=0)
clf = LogisticRegression(max_iter=1000).fit(train[num_cols], train["default"])
print("test acc", clf.score(test[num_cols], test["default"]))
