import numpy as np
import polars as pl

SENSORS = [f"s{i}" for i in range(1, 22)]
df = pl.read_csv("data/train_FD001.csv")
df = df.with_columns([((pl.col(c) - pl.col(c).mean()) / pl.col(c).std()).alias(c) for c in SENSORS])
rng = np.random.default_rng(42)
units = df["unit"].unique().sort().to_numpy()
test_units = set(rng.choice(units, size=len(units) // 5, replace=False).tolist())
is_test = df["unit"].is_in(list(test_units))
df.filter(~is_test).write_parquet("data/train.parquet")
df.filter(is_test).write_parquet("data/test.parquet")
