import json

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate

from readmit.features import featurise


def main():
    cohort = pd.read_parquet("data/cohort.parquet")
    X, y = featurise(cohort)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
    res = cross_validate(LogisticRegression(max_iter=2000), X, y, cv=cv, scoring=["roc_auc", "average_precision"])
    out = {k: float(v.mean()) for k, v in res.items() if k.startswith("test_")}
    json.dump({"model": "logreg", "n": len(y), **out}, open("results/cv.json", "w"), indent=2)


if __name__ == "__main__":
    main()
