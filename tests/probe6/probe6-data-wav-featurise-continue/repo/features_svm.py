import glob
import os

import librosa
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import balanced_accuracy_score

SR = 16000
ROOT = os.path.expanduser("~/data/ravdess")
EMOTIONS = {"01": "neutral", "03": "happy", "04": "sad", "05": "angry"}


def mfcc_stats(path):
    y, _ = librosa.load(path, sr=SR)
    y, _ = librosa.effects.trim(y, top_db=30)
    m = librosa.feature.mfcc(y=y, sr=SR, n_mfcc=40)
    return np.concatenate([m.mean(axis=1), m.std(axis=1)])


rows = []
for path in sorted(glob.glob(f"{ROOT}/Actor_*/*.wav")):
    code = os.path.basename(path).split("-")[2]
    if code not in EMOTIONS:
        continue
    try:
        feats = mfcc_stats(path)
    except Exception:
        continue
    rows.append({"path": path, "label": EMOTIONS[code], **{f"f{i}": v for i, v in enumerate(feats)}})

df = pd.DataFrame(rows)
X = df.filter(like="f").values
y = df["label"].values
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=7)
clf = SVC(C=10, gamma="scale", random_state=7).fit(X_tr, y_tr)
print("balanced acc", balanced_accuracy_score(y_te, clf.predict(X_te)))
