import argparse
import pickle

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

from features import embed_split

ap = argparse.ArgumentParser()
ap.add_argument("--encoder", required=True)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--layer", type=int, default=8)
args = ap.parse_args()
np.random.seed(args.seed)
torch.manual_seed(args.seed)

Xtr, ytr = embed_split(args.encoder, "train", args.layer)
Xte, yte = embed_split(args.encoder, "test", args.layer)
clf = LogisticRegression(max_iter=3000, random_state=args.seed).fit(Xtr, ytr)
pred = clf.predict(Xte)
with open(f"results/{args.encoder}.pkl", "wb") as fh:
    pickle.dump({"acc": accuracy_score(yte, pred), "macro_f1": f1_score(yte, pred, average="macro")}, fh)
