import lightgbm as lgb
import polars as pl
from sklearn.metrics import mean_absolute_error

df = (
    pl.read_parquet("data/store_sales.parquet")  # store_id, date, sales, promo, holiday
    .sort(["store_id", "date"])
    .with_columns(
        pl.col("sales").rolling_mean(window_size=7, min_periods=1).over("store_id").alias("sales_ma7"),
        pl.col("sales").shift(7).over("store_id").alias("sales_lag7"),
        pl.col("date").dt.weekday().alias("dow"),
    )
    .drop_nulls(["sales_lag7"])
)
FEATURES = ["sales_ma7", "sales_lag7", "dow", "promo", "holiday"]

train = df.filter(pl.col("date") < pl.date(2024, 1, 1))
test = df.filter(pl.col("date") >= pl.date(2024, 1, 1))
model = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.03, random_state=0)
model.fit(train.select(FEATURES).to_pandas(), train["sales"].to_numpy())
pred = model.predict(test.select(FEATURES).to_pandas())
print(f"test MAE {mean_absolute_error(test['sales'].to_numpy(), pred):.2f} (n={test.height})")
