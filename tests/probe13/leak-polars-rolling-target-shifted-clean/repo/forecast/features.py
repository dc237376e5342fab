import polars as pl


def daily_frame(path: str) -> pl.DataFrame:
    hourly = pl.scan_parquet(path).sort("ts")
    daily = (
        hourly.group_by_dynamic("ts", every="1d")
        .agg(pl.col("demand_mw").sum().alias("demand"), pl.col("temp_c").mean().alias("temp"))
        .with_columns(
            pl.col("demand").shift(1).rolling_mean(window_size=7).alias("demand_7d"),
            pl.col("temp").shift(1).alias("temp_lag1"),
            pl.col("ts").dt.weekday().alias("dow"),
        )
        .drop_nulls(["demand_7d", "temp_lag1"])
    )
    return daily.collect()
