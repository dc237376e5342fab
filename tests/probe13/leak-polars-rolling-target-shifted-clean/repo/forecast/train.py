from lightgbm import LGBMRegressor
from sklearn.metrics import mean_absolute_error

from forecast.features import daily_frame

df = daily_frame("data/grid_hourly.parquet")
cut = int(len(df) * 0.8)
train, test = df[:cut], df[cut:]
cols = ["demand_7d", "temp_lag1", "dow"]
model = LGBMRegressor(n_estimators=400, random_state=0).fit(train[cols].to_pandas(), train["demand"].to_pandas())
print("MAE", mean_absolute_error(test["demand"].to_pandas(), model.predict(test[cols].to_pandas())))
