import pandas as pd

df = pd.read_csv("data/raw/labs.csv")
num = df.columns.drop(["patient_id", "outcome"])
df[num] = df[num].fillna(df[num].median())
df[num] = (df[num] - df[num].mean()) / df[num].std()
df.to_csv("data/prepared.csv", index=False)
