import json

import pandas as pd
from lifelines import CoxPHFitter
from lifelines.utils import concordance_index


def main():
    train = pd.read_csv("data/train.csv")
    test = pd.read_csv("data/test.csv")
    cph = CoxPHFitter(penalizer=0.05)
    cph.fit(train, duration_col="time", event_col="event")
    risk = cph.predict_partial_hazard(test)
    c = concordance_index(test["time"], -risk, test["event"])
    print(f"test C-index {c:.3f}")
    with open("results/cox.json", "w") as fh:
        json.dump({"model": "coxph", "penalizer": 0.05, "n_test": len(test), "c_index": c}, fh)


if __name__ == "__main__":
    main()
