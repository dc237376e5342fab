import csv
import itertools
import os

from train_resnet import train_and_eval

LRS = [0.3, 0.1, 0.03]
WDS = [5e-4, 1e-4]
SEEDS = [0, 1]

os.makedirs("results", exist_ok=True)
new = not os.path.exists("results/sweep.csv")
with open("results/sweep.csv", "a", newline="") as fh:
    w = csv.writer(fh)
    if new:
        w.writerow(["val_acc", "test_acc", "train_loss"])
    for lr, wd, seed in itertools.product(LRS, WDS, SEEDS):
        m = train_and_eval(lr=lr, weight_decay=wd, seed=seed, epochs=30)
        w.writerow([m["val_acc"], m["test_acc"], m["train_loss"]])
