from pathlib import Path

import mne
import numpy as np
from scipy.signal import welch

BANDS = {"delta": (0.5, 4), "theta": (4, 8), "alpha": (8, 12), "sigma": (12, 15), "beta": (15, 30)}


def band_powers(epoch: np.ndarray, sfreq: float) -> np.ndarray:
    f, pxx = welch(epoch, fs=sfreq, nperseg=int(4 * sfreq))
    return np.array([pxx[(f >= lo) & (f < hi)].mean() for lo, hi in BANDS.values()])


def featurise_cohort(edf_paths: list[Path], hypnograms: dict[str, np.ndarray]):
    X, y, subject = [], [], []
    for path in edf_paths:
        try:
            raw = mne.io.read_raw_edf(path, preload=True, verbose="error")
            raw.pick(["EEG Fpz-Cz"]).resample(100)
            data = raw.get_data()[0]
            stages = hypnograms[path.stem]
            for k, stage in enumerate(stages):
                seg = data[k * 3000:(k + 1) * 3000]
                X.append(band_powers(seg, 100.0))
                y.append(stage)
                subject.append(path.stem[:5])
        except Exception:
            continue
    return np.array(X), np.array(y), np.array(subject)
