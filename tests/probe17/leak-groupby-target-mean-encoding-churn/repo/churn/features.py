import pandas as pd

CAT_COLS = ["plan", "region", "device"]


def add_target_means(df: pd.DataFrame, target: str = "churned") -> pd.DataFrame:
    out = df.copy()
    for col in CAT_COLS:
        out[f"{col}_te"] = out.groupby(col)[target].transform("mean")
    return out
