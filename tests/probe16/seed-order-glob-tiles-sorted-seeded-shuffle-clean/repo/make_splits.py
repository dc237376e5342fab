import glob
import os
import random

tiles = sorted(glob.glob("data/tiles/*.tif"))
random.Random(17).shuffle(tiles)
n = len(tiles)
n_tr, n_va = int(0.7 * n), int(0.15 * n)
splits = {"train": tiles[:n_tr], "val": tiles[n_tr:n_tr + n_va], "test": tiles[n_tr + n_va:]}
os.makedirs("splits", exist_ok=True)
for name, files in splits.items():
    with open(f"splits/{name}.txt", "w") as fh:
        fh.write("\n".join(os.path.basename(f) for f in files) + "\n")
print({k: len(v) for k, v in splits.items()})
