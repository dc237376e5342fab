from pathlib import Path

import numpy as np


def list_records(root="data/records"):
    return sorted(Path(root).glob("*.npz"))


def load(path):
    z = np.load(path)
    return z["signal"], int(z["label"])
