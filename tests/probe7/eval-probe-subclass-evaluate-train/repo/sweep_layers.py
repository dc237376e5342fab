import json

import numpy as np

from probes.linear import LogisticProbe, MassMeanProbe

labels = np.load("cache/labels.npy")
split = {k: np.array(v) for k, v in json.load(open("cache/split.json")).items()}
rows = []
for layer in range(32):
    acts = np.load(f"cache/resid_L{layer}.npy")
    for cls in (LogisticProbe, MassMeanProbe):
        probe = cls(acts, labels, split).fit()
        rows.append({"layer": layer, "probe": cls.__name__, "test_acc": probe.evaluate("test")})
json.dump(rows, open("results/probe_sweep.json", "w"), indent=1)
