import pandas as pd

df = pd.read_csv("data/raw/fields.csv")
df = df.sort_values("harvest_date")
cut = int(len(df) * 0.8)
df.iloc[:cut].to_csv("data/prepared/train.csv", index=False)
df.iloc[cut:].to_csv("data/prepared/test.csv", index=False)
