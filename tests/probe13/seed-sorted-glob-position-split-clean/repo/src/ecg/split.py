import json

from ecg.io import list_records


def make_split(frac=0.8):
    records = list_records()
    cut = int(len(records) * frac)
    split = {"train": [str(p) for p in records[:cut]], "test": [str(p) for p in records[cut:]]}
    json.dump(split, open("data/split.json", "w"), indent=1)
    return split


if __name__ == "__main__":
    make_split()
