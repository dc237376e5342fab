import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge

df = pd.read_csv("data/housing.csv")
feats = [c for c in df.columns if c != "price"]
df[feats] = StandardScaler().fit_transform(df[feats])
train = df.sample(frac=0.8, random_state=0)
test = df.drop(train.index)
m = Ridge().fit(train[feats], train["price"])
print(m.score(test[feats], test["price"]))
