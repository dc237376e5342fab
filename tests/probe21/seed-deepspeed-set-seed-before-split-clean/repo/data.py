import pandas as pd
import torch
from torch.utils.data import Dataset
from transformers import AutoTokenizer


class ReviewDataset(Dataset):
    def __init__(self, path):
        self.df = pd.read_parquet(path)
        self.tok = AutoTokenizer.from_pretrained("roberta-large")

    def __len__(self):
        return len(self.df)

    def __getitem__(self, i):
        row = self.df.iloc[i]
        enc = self.tok(row["text"], truncation=True, max_length=256, padding="max_length", return_tensors="pt")
        return {"input_ids": enc["input_ids"][0], "attention_mask": enc["attention_mask"][0], "labels": torch.tensor(row["label"])}
