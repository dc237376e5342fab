import numpy as np
from catboost import CatBoostClassifier
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import StratifiedGroupKFold

data = np.load("features/windows.npz")
X, y, subject = data["X"], data["stage"], data["subject_id"]
print(f"{len(np.unique(subject))} subjects, {len(y)} windows")

sgkf = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)
kappas = []
for tr, te in sgkf.split(X, y, groups=subject):
    assert not set(subject[tr]) & set(subject[te])
    clf = CatBoostClassifier(iterations=600, depth=6, verbose=0, random_seed=0)
    clf.fit(X[tr], y[tr])
    kappas.append(cohen_kappa_score(y[te], clf.predict(X[te]).ravel()))
print(f"kappa {np.mean(kappas):.3f} +/- {np.std(kappas):.3f}")
