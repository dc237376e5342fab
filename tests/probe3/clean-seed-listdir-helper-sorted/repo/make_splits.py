import json

from physio.io import list_sessions

sessions = list_sessions("data/raw")
n_test = len(sessions) // 5
splits = {"test": sessions[:n_test], "val": sessions[n_test:2 * n_test], "train": sessions[2 * n_test:]}
with open("data/splits.json", "w") as f:
    json.dump(splits, f, indent=2)
print({k: len(v) for k, v in splits.items()})
