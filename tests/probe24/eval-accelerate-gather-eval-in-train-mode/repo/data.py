from datasets import load_dataset


def load_splits(tok):
    ds = load_dataset("csv", data_files={"train": "data/train.csv", "test": "data/test.csv"})
    ds = ds.map(lambda b: tok(b["text"], truncation=True, padding="max_length", max_length=128), batched=True)
    ds = ds.rename_column("label", "labels").with_format("torch", columns=["input_ids", "attention_mask", "labels"])
    return ds["train"], ds["test"]
