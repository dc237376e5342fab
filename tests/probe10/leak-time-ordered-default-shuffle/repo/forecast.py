import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split

demand = (
    pd.read_csv("data/demand_hourly.csv", parse_dates=["ts"])
    .sort_values("ts")
    .assign(hour=lambda d: d.ts.dt.hour, dow=lambda d: d.ts.dt.dayofweek,
            lag_24=lambda d: d.load_mw.shift(24), lag_168=lambda d: d.load_mw.shift(168))
    .dropna(subset=["lag_24", "lag_168"])
)
features = ["hour", "dow", "lag_24", "lag_168", "temp_c"]
X_tr, X_te, y_tr, y_te = train_test_split(demand[features], demand["load_mw"], test_size=0.2, random_state=5)
gbr = GradientBoostingRegressor(random_state=5).fit(X_tr, y_tr)
print("MAPE", mean_absolute_percentage_error(y_te, gbr.predict(X_te)))
