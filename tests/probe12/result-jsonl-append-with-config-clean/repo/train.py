import argparse
import subprocess

import jsonlines
import torch

from lib.data import get_loaders
from lib.models import build
from lib.loop import fit, accuracy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="resnet18")
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--augment", action="store_true")
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    train_dl, val_dl, test_dl = get_loaders(augment=args.augment, seed=args.seed)
    net = build(args.model)
    fit(net, train_dl, val_dl, lr=args.lr, epochs=30)
    commit = subprocess.check_output(["git", "rev-parse", "HEAD"], text=True).strip()
    with jsonlines.open("results/runs.jsonl", mode="a") as w:
        w.write({**vars(args), "commit": commit, "epochs": 30,
                 "val_acc": accuracy(net, val_dl), "test_acc": accuracy(net, test_dl)})


if __name__ == "__main__":
    main()
