import json
from pathlib import Path

ROOT = Path("data/recordings")


def make_split():
    files = sorted(p for p in ROOT.iterdir() if p.suffix == ".wav")
    n_test = len(files) // 5
    test_files, train_files = files[:n_test], files[n_test:]
    with open("data/split.json", "w") as fh:
        json.dump({"train": [p.name for p in train_files], "test": [p.name for p in test_files]}, fh)
    return train_files, test_files


if __name__ == "__main__":
    make_split()
