import polars as pl
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

from rent.features import add_features

FEATS = ["nbhd_mean_price", "bed_ratio", "reviews_per_month", "accommodates", "bathrooms", "minimum_nights"]

df = add_features(pl.read_parquet("data/listings.parquet"))
train = df.filter(pl.col("split") == "train")
test = df.filter(pl.col("split") == "test")

model = HistGradientBoostingRegressor(random_state=0)
model.fit(train.select(FEATS).to_numpy(), train["price"].to_numpy())
print(f"test MAE {mean_absolute_error(test['price'].to_numpy(), model.predict(test.select(FEATS).to_numpy())):.2f}")
