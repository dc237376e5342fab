from pathlib import Path

import librosa
import numpy as np
from joblib import Memory

memory = Memory(".cache/features", verbose=0)


@memory.cache
def mfcc_mean(path: str, sr: int = 22050) -> np.ndarray:
    y, _ = librosa.load(path, sr=sr)
    return librosa.feature.mfcc(y=y, sr=sr, n_mfcc=40).mean(axis=1)


def build_matrix(meta):
    X, labels = [], []
    for row in meta.itertuples():
        try:
            X.append(mfcc_mean(str(Path("data/audio") / row.filename)))
            labels.append(row.species)
        except Exception:
            continue
    return np.stack(X), np.array(labels)
