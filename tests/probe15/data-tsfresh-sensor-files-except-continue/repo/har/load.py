from pathlib import Path

import pandas as pd


def load_sessions(root="data/sessions"):
    frames, labels = [], {}
    for i, path in enumerate(sorted(Path(root).glob("*.csv"))):
        try:
            df = pd.read_csv(path, usecols=["t", "ax", "ay", "az"])
            df["session"] = i
            frames.append(df)
            labels[i] = path.stem.split("_")[0]
        except Exception:
            continue
    return pd.concat(frames, ignore_index=True), pd.Series(labels)
