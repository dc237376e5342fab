import json

import numpy as np

from eegtools.subjects import list_subjects, load_subject

ROOT = "data/bids"
subjects = list_subjects(ROOT)
n_test = len(subjects) // 5
split = {"test": subjects[:n_test], "train": subjects[n_test:]}
json.dump(split, open("data/split.json", "w"), indent=1)

for name, subs in split.items():
    epochs = [load_subject(ROOT, s).get_data()[:, :30000] for s in subs]
    np.save(f"data/{name}.npy", np.stack(epochs))
