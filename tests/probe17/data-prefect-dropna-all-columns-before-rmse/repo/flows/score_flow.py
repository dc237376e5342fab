import numpy as np
import pandas as pd
from prefect import flow, task


@task
def load(path: str) -> pd.DataFrame:
    return pd.read_parquet(path)


@task
def score(preds: pd.DataFrame, truth: pd.DataFrame) -> float:
    df = truth.merge(preds, on="house_id", how="left")
    df = df.dropna()
    return float(np.sqrt(np.mean((df["price"] - df["pred_price"]) ** 2)))


@flow(name="score-valuation-model")
def main(pred_path: str = "outputs/preds.parquet", truth_path: str = "data/test_houses.parquet"):
    rmse = score(load(pred_path), load(truth_path))
    print(f"test RMSE: {rmse:,.0f}")
    return rmse


if __name__ == "__main__":
    main()
