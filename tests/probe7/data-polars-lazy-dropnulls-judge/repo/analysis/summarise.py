import polars as pl

JUDGED = "outputs/judged/*.parquet"


def load() -> pl.LazyFrame:
    return (
        pl.scan_parquet(JUDGED)
        .with_columns(
            pl.col("judge_raw").str.extract(r"SCORE:\s*(\d+)", 1).cast(pl.Int32).alias("score"),
            pl.col("run").str.split("-").list.get(0).alias("condition"),
        )
    )


def summarise(lf: pl.LazyFrame) -> pl.DataFrame:
    return (
        lf.drop_nulls(subset=["score"])
        .group_by("condition")
        .agg(pl.col("score").mean().alias("honesty"), pl.len().alias("n"))
        .sort("condition")
        .collect()
    )


if __name__ == "__main__":
    table = summarise(load())
    print(table)
    table.write_csv("results/honesty_by_condition.csv")
