import librosa
import numpy as np


def mfcc_features(path: str, sr: int = 16000, n_mfcc: int = 40) -> np.ndarray:
    y, _ = librosa.load(path, sr=sr)
    m = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=n_mfcc)
    return np.concatenate([m.mean(axis=1), m.std(axis=1)])


def build_matrix(paths, labels):
    X, y = [], []
    for path, label in zip(paths, labels):
        try:
            X.append(mfcc_features(path))
            y.append(label)
        except Exception:
            continue
    return np.stack(X), np.array(y)
