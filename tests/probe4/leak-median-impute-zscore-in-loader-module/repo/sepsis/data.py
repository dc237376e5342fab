import pandas as pd

VITALS = ["hr", "sbp", "dbp", "resp", "temp", "spo2", "lactate", "wbc", "creatinine"]


def load_cohort(path: str = "data/icu_first24h.csv") -> pd.DataFrame:
    df = pd.read_csv(path)
    df = df[df["age"] >= 18].copy()
    df.fillna(df[VITALS].median(), inplace=True)
    df[VITALS] = (df[VITALS] - df[VITALS].mean()) / df[VITALS].std()
    return df
