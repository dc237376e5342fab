import pandas as pd
import yaml
from sklearn.model_selection import train_test_split

p = yaml.safe_load(open("params.yaml"))["split"]
df = pd.read_csv("data/raw/labs.csv")
train, test = train_test_split(df, test_size=p["test_size"], random_state=p["seed"], stratify=df["outcome"])
train.to_csv("data/train.csv", index=False)
test.to_csv("data/test.csv", index=False)
