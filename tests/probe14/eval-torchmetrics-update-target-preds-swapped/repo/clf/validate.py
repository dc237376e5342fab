import json

import torch

from clf.metrics import Meter


@torch.no_grad()
def validate(model, loader, num_classes, device):
    model.eval()
    meter = Meter(num_classes, device)
    for batch in loader:
        logits = model(batch["input_ids"].to(device), attention_mask=batch["attention_mask"].to(device)).logits
        meter.add(batch["labels"].to(device), logits)
    scores = meter.compute()
    json.dump(scores, open("results/val_scores.json", "w"))
    return scores
