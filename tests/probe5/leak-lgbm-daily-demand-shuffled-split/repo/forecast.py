import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/demand_daily.csv", parse_dates=["date"]).sort_values("date")
for lag in (1, 7, 14, 28):
    df[f"lag_{lag}"] = df["load_mw"].shift(lag)
df["roll7"] = df["load_mw"].shift(1).rolling(7).mean()
df["dow"] = df["date"].dt.dayofweek
df["month"] = df["date"].dt.month
df = df.dropna()

features = [c for c in df.columns if c not in ("date", "load_mw")]
X_train, X_test, y_train, y_test = train_test_split(df[features], df["load_mw"], test_size=0.2, random_state=0)

model = lgb.LGBMRegressor(n_estimators=2000, learning_rate=0.02, num_leaves=63, random_state=0)
model.fit(X_train, y_train)
print("MAPE:", mean_absolute_percentage_error(y_test, model.predict(X_test)))
