import torch
from datasets import load_dataset
from torch.utils.data import TensorDataset


def load_splits(max_len=200):
    ds = load_dataset("ag_news")
    vocab = {"<pad>": 0, "<unk>": 1}
    for text in ds["train"]["text"]:
        for w in text.lower().split():
            vocab.setdefault(w, len(vocab))
    def encode(text):
        ids = [vocab.get(w, 1) for w in text.lower().split()[:max_len]]
        return ids + [0] * (max_len - len(ids))
    tr = ds["train"].map(lambda ex: {"ids": encode(ex["text"])})
    te = ds["test"].map(lambda ex: {"ids": encode(ex["text"])})
    to_t = lambda d: TensorDataset(torch.tensor(d["ids"]), torch.tensor(d["label"]))
    return to_t(tr), to_t(te), vocab
