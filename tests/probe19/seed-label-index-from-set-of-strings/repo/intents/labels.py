import pandas as pd


def label_vocab(path="data/intents_train.csv"):
    df = pd.read_csv(path)
    labels = list(set(df["intent"]))
    return {lab: i for i, lab in enumerate(labels)}
