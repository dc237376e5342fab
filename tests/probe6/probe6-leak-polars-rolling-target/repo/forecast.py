"""Next-day store demand with polars features + XGBoost."""
import polars as pl
import xgboost as xgb
from sklearn.metrics import mean_absolute_error

raw = pl.read_csv("data/store_daily_sales.csv", try_parse_dates=True).sort(["store_id", "date"])

feats = raw.with_columns(
    pl.col("date").dt.weekday().alias("dow"),
    pl.col("date").dt.month().alias("month"),
    pl.col("units_sold").rolling_mean(window_size=7).over("store_id").alias("units_ma7"),
    pl.col("units_sold").rolling_std(window_size=28).over("store_id").alias("units_sd28"),
    pl.col("promo").shift(-1).over("store_id").alias("promo_tomorrow"),
).drop_nulls()

FEATURES = ["dow", "month", "units_ma7", "units_sd28", "promo", "promo_tomorrow", "price"]
cut = pl.date(2024, 7, 1)
train = feats.filter(pl.col("date") < cut)
test = feats.filter(pl.col("date") >= cut)

model = xgb.XGBRegressor(n_estimators=600, max_depth=6, learning_rate=0.05, subsample=0.8,
                         random_state=0)
model.fit(train.select(FEATURES).to_numpy(), train["units_sold"].to_numpy())
pred = model.predict(test.select(FEATURES).to_numpy())
print("MAE", mean_absolute_error(test["units_sold"].to_numpy(), pred))
