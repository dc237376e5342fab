"""Band-power features of EEG epochs, normalised per channel."""
from dataclasses import dataclass

import numpy as np
from sklearn.preprocessing import RobustScaler


@dataclass
class Splits:
    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def load_splits(path: str) -> Splits:
    arrays = np.load(path)
    return Splits(arrays["X_train"], arrays["y_train"], arrays["X_val"], arrays["y_val"],
                  arrays["X_test"], arrays["y_test"])


def normalise(splits: Splits) -> Splits:
    scaler = RobustScaler(quantile_range=(10.0, 90.0))
    X_train = scaler.fit_transform(splits.X_train)
    X_val = scaler.transform(splits.X_val)
    X_test = scaler.transform(splits.X_test)
    return Splits(X_train, splits.y_train, X_val, splits.y_val, X_test, splits.y_test)
