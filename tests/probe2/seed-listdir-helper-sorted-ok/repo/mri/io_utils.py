import os

import nibabel as nib
import numpy as np


def list_subjects(root):
    return sorted(d for d in os.listdir(root) if d.startswith("sub-"))


def load_volume(root, subject):
    img = nib.load(os.path.join(root, subject, "anat", f"{subject}_T1w.nii.gz"))
    return np.asarray(img.dataobj, dtype=np.float32)
