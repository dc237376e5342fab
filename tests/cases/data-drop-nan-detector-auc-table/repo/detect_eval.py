"""Score each detector on watermarked vs. human text and write the AUC table of the paper."""
import json

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

DETECTORS = ["zscore", "perplexity", "rank"]


def auc_table(frame: pd.DataFrame) -> dict:
    table = {}
    for name in DETECTORS:
        pos = frame[f"wm_{name}"].to_numpy()
        neg = frame[f"human_{name}"].to_numpy()
        pos, neg = pos[~np.isnan(pos)], neg[~np.isnan(neg)]
        labels = np.concatenate([np.ones_like(pos), np.zeros_like(neg)])
        table[name] = roc_auc_score(labels, np.concatenate([pos, neg]))
    return table


def main(path: str, out: str) -> None:
    frame = pd.read_json(path, lines=True)
    table = auc_table(frame)
    with open(out, "w") as handle:
        json.dump(table, handle, indent=2)


if __name__ == "__main__":
    main("outputs/scores.jsonl", "results/auc_table.json")
