from datasets import load_from_disk


def load_agnews(path: str):
    ds = load_from_disk(path)
    return ds["train"], ds["test"]
