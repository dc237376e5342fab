"""Log, per prefix length, how each detector's AUC grows: a curve in the run's dashboard."""
import numpy as np
import pandas as pd
import wandb
from sklearn.metrics import roc_auc_score, roc_curve

DETECTORS = ["zscore", "perplexity", "rank"]


def curve_points(frame: pd.DataFrame, name: str):
    pos = frame[f"wm_{name}"].to_numpy()
    neg = frame[f"human_{name}"].to_numpy()
    # a prefix shorter than the detector's window has no score: leave it out of this prefix's curve
    pos, neg = pos[~np.isnan(pos)], neg[~np.isnan(neg)]
    labels = np.concatenate([np.ones_like(pos), np.zeros_like(neg)])
    return roc_curve(labels, np.concatenate([pos, neg]))


def log_prefix_curves(run, frame: pd.DataFrame) -> None:
    for name in DETECTORS:
        points = []
        for prefix, part in frame.groupby("prefix_length"):
            pos = part[f"wm_{name}"].to_numpy()
            neg = part[f"human_{name}"].to_numpy()
            pos, neg = pos[~np.isnan(pos)], neg[~np.isnan(neg)]
            labels = np.concatenate([np.ones_like(pos), np.zeros_like(neg)])
            points.append([prefix, roc_auc_score(labels, np.concatenate([pos, neg]))])
        table = wandb.Table(data=points, columns=["prefix", "auc"])
        run.log({f"{name}_auc_by_prefix": wandb.plot.line(table, "prefix", "auc", title=name)})


def main(path: str) -> None:
    frame = pd.read_json(path, lines=True)
    run = wandb.init(project="wm-prefix")
    log_prefix_curves(run, frame)
    run.finish()


if __name__ == "__main__":
    main("outputs/prefix_scores.jsonl")
