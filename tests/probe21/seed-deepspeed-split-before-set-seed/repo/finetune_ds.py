import argparse
import json

import deepspeed
import torch
from torch.utils.data import DataLoader, random_split
from transformers import AutoModelForSequenceClassification, set_seed

from data import ReviewDataset

parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--local_rank", type=int, default=-1)
parser = deepspeed.add_config_arguments(parser)
args = parser.parse_args()

full = ReviewDataset("data/reviews.parquet")
train_ds, val_ds = random_split(full, [0.9, 0.1])
set_seed(args.seed)

model = AutoModelForSequenceClassification.from_pretrained("roberta-large", num_labels=2)
engine, _, train_loader, _ = deepspeed.initialize(args=args, model=model, model_parameters=model.parameters(), training_data=train_ds)
for epoch in range(3):
    for batch in train_loader:
        loss = engine(**{k: v.to(engine.device) for k, v in batch.items()}).loss
        engine.backward(loss)
        engine.step()

engine.eval()
hits = 0
with torch.no_grad():
    for batch in DataLoader(val_ds, batch_size=64):
        logits = engine(**{k: v.to(engine.device) for k, v in batch.items() if k != "labels"}).logits
        hits += (logits.argmax(-1).cpu() == batch["labels"]).sum().item()
json.dump({"seed": args.seed, "n_val": len(val_ds), "val_accuracy": hits / len(val_ds)}, open(f"results/val_seed{args.seed}.json", "w"), indent=2)
