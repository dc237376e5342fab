from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoImageProcessor

proc = AutoImageProcessor.from_pretrained("google/vit-base-patch16-224-in21k")


def _collate(rows):
    enc = proc([r["image"].convert("RGB") for r in rows], return_tensors="pt")
    enc["labels"] = __import__("torch").tensor([r["label"] for r in rows])
    return enc


def make_loaders(batch_size):
    ds = load_dataset("nelorth/oxford-flowers")
    return (DataLoader(ds["train"], batch_size=batch_size, shuffle=True, collate_fn=_collate),
            DataLoader(ds["test"], batch_size=batch_size, collate_fn=_collate))
