import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

from sol.featurize import canonical, fingerprints

df = pd.read_csv("data/solubility_merged.csv")
n_raw = len(df)
df = df.assign(canon=df["smiles"].map(canonical)).dropna(subset=["canon"])
df = df.groupby("canon", as_index=False)["logS"].mean()
print(f"{n_raw} rows -> {len(df)} unique molecules")
train, test = train_test_split(df, test_size=0.2, random_state=0)

rf = RandomForestRegressor(n_estimators=500, n_jobs=-1, random_state=0)
rf.fit(fingerprints(train["canon"]), train["logS"])
rmse = mean_squared_error(test["logS"], rf.predict(fingerprints(test["canon"]))) ** 0.5
print(f"test RMSE {rmse:.3f} on {len(test)} molecules")
