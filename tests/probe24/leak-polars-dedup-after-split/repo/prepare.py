import polars as pl

df = pl.read_parquet("data/comments.parquet").with_row_index("row")
test = df.sample(fraction=0.2, seed=0)
train = df.join(test, on="row", how="anti")
train = train.unique(subset="text", keep="first")
train.write_parquet("data/train.parquet")
test.write_parquet("data/test.parquet")
