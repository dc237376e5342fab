import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error

df = pd.read_csv("data/housing.csv")
df = df.fillna(df.median(numeric_only=True))
train = df.sample(frac=0.8, random_state=0)
test = df.drop(train.index)
feats = [c for c in df.columns if c != "price"]
m = Ridge().fit(train[feats], train["price"])
print(mean_absolute_error(test["price"], m.predict(test[feats])))
