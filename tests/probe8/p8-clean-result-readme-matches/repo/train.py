import json

import numpy as np
from sklearn.metrics import accuracy_score, f1_score


def report(y_true, y_pred, n_test, seed, model_name):
    out = {"model": model_name, "seed": seed, "n_test": n_test,
           "macro_f1": round(f1_score(y_true, y_pred, average="macro"), 3),
           "accuracy": round(accuracy_score(y_true, y_pred), 3)}
    json.dump(out, open("results/final_metrics.json", "w"))
    return out


if __name__ == "__main__":
    d = np.load("outputs/test_predictions.npz")
    print(report(d["y_true"], d["y_pred"], len(d["y_true"]), 17, "roberta-base"))
