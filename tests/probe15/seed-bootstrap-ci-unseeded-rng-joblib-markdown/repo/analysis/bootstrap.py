import numpy as np
from joblib import Parallel, delayed


def _one(correct, n_boot):
    rng = np.random.default_rng()
    idx = rng.integers(0, len(correct), size=(n_boot, len(correct)))
    return correct[idx].mean(axis=1)


def bootstrap_ci(correct, n_boot=10_000, n_jobs=4, alpha=0.05):
    chunks = Parallel(n_jobs=n_jobs)(delayed(_one)(correct, n_boot // n_jobs) for _ in range(n_jobs))
    stats = np.concatenate(chunks)
    return np.quantile(stats, [alpha / 2, 1 - alpha / 2])
