import librosa
import numpy as np
from joblib import Parallel, delayed


def mfcc_stats(path, sr=22050):
    try:
        y, _ = librosa.load(path, sr=sr, duration=10.0)
        m = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=20)
        return np.concatenate([m.mean(axis=1), m.std(axis=1)])
    except Exception:
        return None


def featurise(table):
    feats = Parallel(n_jobs=8)(delayed(mfcc_stats)(p) for p in table["path"])
    keep = [i for i, f in enumerate(feats) if f is not None]
    X = np.stack([feats[i] for i in keep])
    y = table["species"].to_numpy()[keep]
    return X, y
