import numpy as np
import pandas as pd


def clean(df: pd.DataFrame) -> pd.DataFrame:
    df = df.replace({"?": np.nan})
    num = df.select_dtypes("number").columns
    df[num] = df[num].fillna(df[num].median())
    return df
