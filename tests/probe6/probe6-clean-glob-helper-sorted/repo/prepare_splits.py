import json
import os

from utils.io import list_recordings

ROOT = os.environ.get("AUDIO_ROOT", "/data/keyword_clips")

files = list_recordings(ROOT)
n = len(files)
n_val = n_test = n // 10
splits = {
    "test": files[:n_test],
    "val": files[n_test:n_test + n_val],
    "train": files[n_test + n_val:],
}
os.makedirs("splits", exist_ok=True)
for name, items in splits.items():
    with open(f"splits/{name}.json", "w") as f:
        json.dump(items, f)
print({k: len(v) for k, v in splits.items()})
