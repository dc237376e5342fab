import pandas as pd


def label_maps(csv_path):
    df = pd.read_csv(csv_path)
    label2id = {lab: i for i, lab in enumerate(set(df["label"]))}
    id2label = {i: lab for lab, i in label2id.items()}
    return label2id, id2label
