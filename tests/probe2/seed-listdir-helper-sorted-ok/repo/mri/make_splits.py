import json

from mri.io_utils import list_subjects

ROOT = "/data/openneuro/ds000228"

subjects = list_subjects(ROOT)
n = len(subjects)
n_train, n_val = int(0.7 * n), int(0.15 * n)
splits = {
    "train": subjects[:n_train],
    "val": subjects[n_train:n_train + n_val],
    "test": subjects[n_train + n_val:],
}
json.dump(splits, open("splits/subjects.json", "w"), indent=1)
print({k: len(v) for k, v in splits.items()})
