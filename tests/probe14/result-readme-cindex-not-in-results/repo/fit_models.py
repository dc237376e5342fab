import json

import pandas as pd
from lifelines import CoxPHFitter
from sksurv.ensemble import RandomSurvivalForest
from sksurv.metrics import concordance_index_censored
from sksurv.util import Surv


def main():
    train = pd.read_csv("data/train.csv")
    test = pd.read_csv("data/test.csv")
    feats = [c for c in train.columns if c not in ("time", "event")]
    cph = CoxPHFitter(penalizer=0.1).fit(train, "time", "event")
    c_cox = cph.score(test, scoring_method="concordance_index")
    rsf = RandomSurvivalForest(n_estimators=500, min_samples_leaf=15, random_state=0)
    rsf.fit(train[feats], Surv.from_arrays(train["event"].astype(bool), train["time"]))
    c_rsf = concordance_index_censored(test["event"].astype(bool), test["time"], rsf.predict(test[feats]))[0]
    out = {"n_test": len(test), "seed": 0, "coxph": {"c_index": round(c_cox, 3)}, "rsf": {"c_index": round(c_rsf, 3)}}
    with open("results/survival_metrics.json", "w") as fh:
        json.dump(out, fh, indent=2)


if __name__ == "__main__":
    main()
