import csv

import torch

from common import build_model, evaluate, train

VARIANTS = {
    "full": dict(attn=True, residual=True),
    "no_attn": dict(attn=False, residual=True),
    "no_residual": dict(attn=True, residual=False),
    "neither": dict(attn=False, residual=False),
}

rows = []
for name, flags in VARIANTS.items():
    torch.manual_seed(0)
    model = build_model()
    train(model, epochs=20)
    rows.append({"variant": name, **flags, "seed": 0, **evaluate(model)})
with open("results/ablation.csv", "w", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
