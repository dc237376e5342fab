import json
import os

import numpy as np
import pandas as pd
from sktime.classification.kernel_based import RocketClassifier

paths = sorted(e.path for e in os.scandir("data/recordings") if e.name.endswith(".csv"))
cut = int(0.8 * len(paths))


def load(ps):
    X = np.stack([pd.read_csv(p)[["ax", "ay", "az"]].to_numpy().T for p in ps])
    y = np.array([os.path.basename(p).split("_")[0] for p in ps])
    return X, y


X_train, y_train = load(paths[:cut])
X_test, y_test = load(paths[cut:])
clf = RocketClassifier(num_kernels=10000, random_state=0).fit(X_train, y_train)
json.dump({"n_train": len(y_train), "n_test": len(y_test), "accuracy": float(clf.score(X_test, y_test))},
          open("results/har_rocket.json", "w"), indent=2)
