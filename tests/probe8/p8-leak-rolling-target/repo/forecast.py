import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_percentage_error

df = pd.read_csv("data/daily_sales.csv", parse_dates=["date"]).sort_values(["store", "date"])
df["dow"] = df["date"].dt.dayofweek
df["sales_lag_7"] = df.groupby("store")["sales"].shift(7)
df["sales_7d_mean"] = df.groupby("store")["sales"].transform(lambda s: s.rolling(7).mean())
df = df.dropna(subset=["sales_lag_7", "sales_7d_mean"])

cutoff = pd.Timestamp("2024-01-01")
train, test = df[df.date < cutoff], df[df.date >= cutoff]
features = ["dow", "promo", "sales_lag_7", "sales_7d_mean"]
model = GradientBoostingRegressor(random_state=0).fit(train[features], train["sales"])
print("MAPE:", mean_absolute_percentage_error(test["sales"], model.predict(test[features])))
