import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

visits = pd.read_parquet("data/clinic_visits.parquet").sort_values(["clinic", "day"])
for lag in (1, 7, 14):
    visits[f"visits_lag_{lag}"] = visits.groupby("clinic")["visits"].shift(lag)
visits["visits_diff_7"] = visits.groupby("clinic")["visits"].diff(7).shift(1)
visits = visits.dropna(subset=["visits_lag_1", "visits_lag_7", "visits_lag_14", "visits_diff_7"])

features = ["visits_lag_1", "visits_lag_7", "visits_lag_14", "visits_diff_7", "is_holiday"]
held_out = visits[visits.clinic.isin(["north", "harbour"])]
fit_rows = visits[~visits.clinic.isin(["north", "harbour"])]
model = HistGradientBoostingRegressor(random_state=0).fit(fit_rows[features], fit_rows["visits"])
print("MAE on held-out clinics:", mean_absolute_error(held_out["visits"], model.predict(held_out[features])))
