import json

import pandas as pd
import sklearn.metrics as skm


def summarise(path: str) -> dict:
    df = pd.read_csv(path)
    reference = df["human_label"].astype(int).to_numpy()
    predicted = (df["toxicity_prob"] >= 0.5).astype(int).to_numpy()
    return {
        "precision": skm.precision_score(predicted, reference),
        "recall": skm.recall_score(predicted, reference),
        "n": int(len(df)),
    }


if __name__ == "__main__":
    print(json.dumps(summarise("outputs/civil_comments_val_scored.csv"), indent=2))
