import lightning as L
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, DataCollatorWithPadding

NAME = "distilbert-base-uncased"


class IMDBDataModule(L.LightningDataModule):
    def __init__(self, batch_size=32):
        super().__init__()
        self.batch_size = batch_size
        self.tok = AutoTokenizer.from_pretrained(NAME)
        self.collate = DataCollatorWithPadding(self.tok)

    def setup(self, stage=None):
        ds = load_dataset("stanfordnlp/imdb")
        ds = ds.map(lambda b: self.tok(b["text"], truncation=True, max_length=256), batched=True, remove_columns=["text"])
        ds = ds.rename_column("label", "labels")
        split = ds["train"].train_test_split(test_size=0.1, seed=0)
        self.train_set, self.val_set, self.test_set = split["train"], split["test"], ds["test"]

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, collate_fn=self.collate)

    def val_dataloader(self):
        return DataLoader(self.test_set, batch_size=64, collate_fn=self.collate)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=128, collate_fn=self.collate)
