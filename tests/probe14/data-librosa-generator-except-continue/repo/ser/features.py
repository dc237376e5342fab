import librosa
import numpy as np


def mfcc_stats(path, sr=16000, n_mfcc=40):
    y, _ = librosa.load(path, sr=sr)
    m = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=n_mfcc)
    return np.concatenate([m.mean(axis=1), m.std(axis=1)])


def iter_features(rows):
    for row in rows:
        try:
            feats = mfcc_stats(row["path"])
        except Exception:
            continue
        yield feats, row["emotion"]
