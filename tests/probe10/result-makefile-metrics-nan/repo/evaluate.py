import argparse
import json

import numpy as np
import pandas as pd
import torch

p = argparse.ArgumentParser()
p.add_argument("--ckpt")
p.add_argument("--out")
a = p.parse_args()
test = pd.read_csv("data/test.csv")
model = torch.load(a.ckpt, weights_only=False)
model.eval()
with torch.no_grad():
    pred = model(torch.tensor(test.drop(columns="label").to_numpy(), dtype=torch.float32)).argmax(1).numpy()
y = test["label"].to_numpy()
f1s = []
for c in np.unique(y):
    tp = ((pred == c) & (y == c)).sum()
    prec = tp / (pred == c).sum()
    rec = tp / (y == c).sum()
    f1s.append(2 * prec * rec / (prec + rec))
json.dump({"accuracy": float((pred == y).mean()), "macro_f1": float(np.mean(f1s)), "n": int(len(y))},
          open(a.out, "w"), indent=1)
