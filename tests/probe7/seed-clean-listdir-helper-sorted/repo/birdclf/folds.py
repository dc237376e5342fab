import json

from .io import list_recordings


def assign_folds(root, k=5):
    folds = {i: [] for i in range(k)}
    counter = 0
    for path in list_recordings(root):
        folds[counter % k].append(path)
        counter += 1
    return folds


if __name__ == "__main__":
    json.dump(assign_folds("data/xeno_canto_subset"), open("data/folds.json", "w"), indent=1)
