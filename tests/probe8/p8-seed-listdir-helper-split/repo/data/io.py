import os

import numpy as np


def list_subjects(root):
    return [d for d in os.listdir(root) if d.startswith("sub-")]


def load_subject(root, subject):
    z = np.load(os.path.join(root, subject, "epochs.npz"))
    return z["x"], z["y"]
