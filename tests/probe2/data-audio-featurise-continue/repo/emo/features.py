import csv

import librosa
import numpy as np


def mfcc_stats(path, sr=16000, n_mfcc=40):
    y, _ = librosa.load(path, sr=sr)
    if len(y) < sr // 2:
        raise ValueError("clip too short")
    m = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=n_mfcc)
    return np.concatenate([m.mean(axis=1), m.std(axis=1)])


def build_table(manifest_csv):
    X, y, speakers = [], [], []
    with open(manifest_csv) as fh:
        for row in csv.DictReader(fh):
            try:
                feats = mfcc_stats(row["wav"])
            except Exception:
                continue
            X.append(feats)
            y.append(row["emotion"])
            speakers.append(row["speaker"])
    return np.stack(X), np.array(y), np.array(speakers)
