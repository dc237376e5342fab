import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold


def main():
    meta = pd.read_csv("data/clips.csv")
    X = np.load("data/logmel_stats.npy")
    y = meta["keyword"].to_numpy()
    speakers = meta["speaker_id"].to_numpy()
    print(f"{len(meta)} clips from {len(np.unique(speakers))} speakers")
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = []
    for fold, (tr, te) in enumerate(skf.split(X, y)):
        clf = RandomForestClassifier(n_estimators=500, random_state=fold, n_jobs=-1).fit(X[tr], y[tr])
        scores.append(f1_score(y[te], clf.predict(X[te]), average="macro"))
    print(f"speaker-independent macro F1: {np.mean(scores):.3f} +/- {np.std(scores):.3f}")


if __name__ == "__main__":
    main()
