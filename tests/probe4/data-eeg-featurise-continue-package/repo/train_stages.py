import json
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import GroupKFold

from sleepnet.features import featurise_cohort

edfs = sorted(Path("data/sleep-edf").glob("*-PSG.edf"))
hyp = {p.stem: np.load(p.with_suffix(".hyp.npy")) for p in edfs}
X, y, groups = featurise_cohort(edfs, hyp)

kappas = []
for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
    clf = HistGradientBoostingClassifier(random_state=0).fit(X[tr], y[tr])
    kappas.append(cohen_kappa_score(y[te], clf.predict(X[te])))
print(f"kappa {np.mean(kappas):.3f} +- {np.std(kappas):.3f} over {len(set(groups))} subjects")
Path("results").mkdir(exist_ok=True)
json.dump({"kappa": float(np.mean(kappas)), "folds": kappas}, open("results/kappa.json", "w"))
