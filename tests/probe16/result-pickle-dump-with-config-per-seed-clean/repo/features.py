import numpy as np


def embed_split(encoder, split, layer):
    d = np.load(f"cache/{encoder}_{split}_L{layer}.npz")
    return d["X"], d["y"]
