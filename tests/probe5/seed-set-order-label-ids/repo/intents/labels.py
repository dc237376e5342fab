import pandas as pd


def label_maps(df: pd.DataFrame) -> tuple[dict[str, int], dict[int, str]]:
    intents = list(set(df["intent"]))
    label2id = {name: i for i, name in enumerate(intents)}
    return label2id, {i: name for name, i in label2id.items()}
