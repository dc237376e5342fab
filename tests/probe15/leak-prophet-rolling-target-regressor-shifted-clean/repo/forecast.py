import pandas as pd
from prophet import Prophet
from sklearn.metrics import mean_absolute_percentage_error

df = pd.read_csv("data/daily_demand.csv", parse_dates=["ds"]).sort_values("ds")
df["y_roll7"] = df["y"].shift(1).rolling(7, min_periods=1).mean()
df["temp"] = df["temp_c"].fillna(method="ffill")

cut = df["ds"].max() - pd.Timedelta(days=60)
train, test = df[df["ds"] <= cut], df[df["ds"] > cut]

m = Prophet(weekly_seasonality=True, yearly_seasonality=True)
m.add_regressor("y_roll7")
m.add_regressor("temp")
m.fit(train[["ds", "y", "y_roll7", "temp"]])
fc = m.predict(test[["ds", "y_roll7", "temp"]])
print("holdout MAPE", mean_absolute_percentage_error(test["y"], fc["yhat"]))
