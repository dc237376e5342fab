import csv
import itertools

import torch

from kws.train import train_and_eval

SETTINGS = [
    {"specaugment": True, "mixup": True},
    {"specaugment": True, "mixup": False},
    {"specaugment": False, "mixup": True},
    {"specaugment": False, "mixup": False},
]
rows = []
for setting, seed in itertools.product(SETTINGS, [0, 1, 2]):
    torch.manual_seed(seed)
    m = train_and_eval(**setting, epochs=30)
    rows.append({"acc": round(m["acc"], 4), "macro_f1": round(m["macro_f1"], 4), "ece": round(m["ece"], 4)})

with open("results/ablation.csv", "w", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=["acc", "macro_f1", "ece"])
    w.writeheader()
    w.writerows(rows)
