import numpy as np


def load_ptbxl(path):
    z = np.load(path)
    x, y, fold = z["x"], z["y"], z["strat_fold"]
    train = fold <= 8
    val = fold == 9
    test = fold == 10
    return (x[train], y[train]), (x[val], y[val]), (x[test], y[test])
