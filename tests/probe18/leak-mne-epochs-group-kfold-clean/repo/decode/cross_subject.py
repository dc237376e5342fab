import mne
import numpy as np
from mne.datasets import eegbci
from mne.decoding import CSP
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.pipeline import make_pipeline

SUBJECTS = range(1, 21)
RUNS = [6, 10, 14]

X_all, y_all, groups = [], [], []
for subj in SUBJECTS:
    raws = [mne.io.read_raw_edf(f, preload=True) for f in eegbci.load_data(subj, RUNS)]
    raw = mne.concatenate_raws(raws)
    eegbci.standardize(raw)
    raw.filter(7.0, 30.0, fir_design="firwin")
    events, _ = mne.events_from_annotations(raw, event_id=dict(T1=2, T2=3))
    epochs = mne.Epochs(raw, events, dict(hands=2, feet=3), tmin=1.0, tmax=2.0, baseline=None, preload=True)
    X_all.append(epochs.get_data(copy=False))
    y_all.append(epochs.events[:, -1])
    groups.append(np.full(len(epochs), subj))

X = np.concatenate(X_all)
y = np.concatenate(y_all)
groups = np.concatenate(groups)

clf = make_pipeline(CSP(n_components=4, reg=None, log=True), LinearDiscriminantAnalysis())
scores = cross_val_score(clf, X, y, groups=groups, cv=GroupKFold(5))
print(f"cross-subject accuracy {scores.mean():.3f} +/- {scores.std():.3f}")
