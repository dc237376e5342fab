import duckdb
import xgboost as xgb
from sklearn.metrics import mean_absolute_error

con = duckdb.connect()
feat = con.execute(open("sql/features.sql").read()).df()
feat = feat[feat["units_lag7"].notna()]
print(f"{len(feat)} rows after the first week of each store is dropped for the lag")

cut = "2024-07-01"
train, test = feat[feat["day"] < cut], feat[feat["day"] >= cut]
cols = ["dow", "promo", "units_ma7", "units_lag7"]
reg = xgb.XGBRegressor(n_estimators=500, max_depth=6, learning_rate=0.05, random_state=0)
reg.fit(train[cols], train["units"])
print("MAE", mean_absolute_error(test["units"], reg.predict(test[cols])), "days", test["day"].nunique())
