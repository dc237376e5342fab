import numpy as np
import pandas as pd
import soundfile as sf
import librosa


class RecordingFeatures:
    def __init__(self, meta_csv, root, n_mfcc=40, sr=16000):
        self.meta = pd.read_csv(meta_csv)
        self.root = root
        self.n_mfcc = n_mfcc
        self.sr = sr

    def _featurise(self, path):
        wav, sr = sf.read(path)
        if sr != self.sr:
            raise ValueError(f"{path}: {sr} Hz")
        mfcc = librosa.feature.mfcc(y=wav, sr=sr, n_mfcc=self.n_mfcc)
        return np.concatenate([mfcc.mean(axis=1), mfcc.std(axis=1)])

    def build(self):
        X, y, speakers = [], [], []
        for row in self.meta.itertuples():
            try:
                X.append(self._featurise(f"{self.root}/{row.file}"))
            except Exception:
                continue
            y.append(row.emotion)
            speakers.append(row.speaker)
        return np.stack(X), np.array(y), np.array(speakers)
