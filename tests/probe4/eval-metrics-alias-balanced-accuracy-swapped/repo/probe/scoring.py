import numpy as np
from sklearn import metrics as skm


def summarise(predicted: np.ndarray, gold: np.ndarray) -> dict:
    return {
        "balanced_acc": skm.balanced_accuracy_score(predicted, gold),
        "acc": float(np.mean(predicted == gold)),
        "n": int(gold.size),
    }
