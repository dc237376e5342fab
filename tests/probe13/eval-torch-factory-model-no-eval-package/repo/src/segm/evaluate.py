import json
import sys

import torch

from segm.data import test_loader
from segm.models import build_model


def dice(pred, target, eps=1e-6):
    inter = (pred * target).sum()
    return (2 * inter + eps) / (pred.sum() + target.sum() + eps)


def main(ckpt):
    model = build_model(ckpt)
    scores = []
    with torch.no_grad():
        for img, mask in test_loader(batch_size=8):
            pred = (torch.sigmoid(model(img)) > 0.5).float()
            scores.append(dice(pred, mask).item())
    json.dump({"ckpt": ckpt, "n_batches": len(scores), "dice": sum(scores) / len(scores)}, open("results/dice.json", "w"))


if __name__ == "__main__":
    main(sys.argv[1])
