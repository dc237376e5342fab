# %% [markdown]
# # Speaker identification with MFCC + SVM

# %%
import os

import librosa
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

meta = pd.read_csv("data/clips.csv")

# %%
X, y = [], []
for _, row in meta.iterrows():
    try:
        wav, sr = librosa.load(os.path.join("data/wav", row["file"]), sr=16000)
        mfcc = librosa.feature.mfcc(y=wav, sr=sr, n_mfcc=20)
    except Exception:
        continue
    X.append(np.concatenate([mfcc.mean(1), mfcc.std(1)]))
    y.append(row["speaker"])
X, y = np.stack(X), np.array(y)

# %%
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
clf = SVC(C=10, gamma="scale").fit(X_tr, y_tr)
print("speaker accuracy", clf.score(X_te, y_te))
