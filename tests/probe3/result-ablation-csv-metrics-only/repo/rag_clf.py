import numpy as np


def expected_calibration_error(conf, correct, n_bins=15):
    bins = np.linspace(0, 1, n_bins + 1)
    ece = 0.0
    for lo, hi in zip(bins[:-1], bins[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            ece += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return ece


def evaluate_config(use_retrieval: bool, k: int, rerank: bool, seed: int) -> dict:
    from pipeline import run_pipeline  # heavy import
    out = run_pipeline(use_retrieval=use_retrieval, k=k, rerank=rerank, seed=seed)
    correct = out["pred"] == out["gold"]
    return {"accuracy": float(correct.mean()), "macro_f1": out["macro_f1"],
            "ece": expected_calibration_error(out["conf"], correct)}
