import numpy as np


def load_ptbxl(path):
    z = np.load(path)
    x, y, fold = z["x"], z["y"], z["strat_fold"]
    train = fold <= 9
    test = fold == 10
    return (x[train], y[train]), (x[test], y[test])
