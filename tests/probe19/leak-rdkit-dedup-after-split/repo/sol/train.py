import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

from sol.featurize import canonical, fingerprints

df = pd.read_csv("data/solubility_merged.csv")
train, test = train_test_split(df, test_size=0.2, random_state=0)

train = train.assign(canon=train["smiles"].map(canonical)).dropna(subset=["canon"]).drop_duplicates("canon")
test = test.assign(canon=test["smiles"].map(canonical)).dropna(subset=["canon"]).drop_duplicates("canon")

rf = RandomForestRegressor(n_estimators=500, n_jobs=-1, random_state=0)
rf.fit(fingerprints(train["canon"]), train["logS"])
rmse = mean_squared_error(test["logS"], rf.predict(fingerprints(test["canon"]))) ** 0.5
print(f"test RMSE {rmse:.3f} on {len(test)} molecules")
