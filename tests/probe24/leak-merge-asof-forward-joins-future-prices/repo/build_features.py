import pandas as pd

orders = pd.read_csv("data/orders.csv", parse_dates=["ts"]).sort_values("ts")
snaps = pd.read_csv("data/snapshots.csv", parse_dates=["ts"]).sort_values("ts")

feats = pd.merge_asof(orders, snaps, on="ts", by="symbol", direction="forward")
feats["spread"] = feats["ask"] - feats["bid"]
feats.to_parquet("data/features.parquet")
