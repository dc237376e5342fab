import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from sklearn.metrics import brier_score_loss

FORMULA = "died ~ age + C(sex) + lactate + np.log(creatinine) + sofa"


def main():
    dev = pd.read_csv("data/site_a.csv")
    model = smf.logit(FORMULA, data=dev).fit(disp=0)

    ext = pd.read_csv("data/site_b_features.csv")
    outcomes = pd.read_csv("data/site_b_outcomes.csv")
    ext["p"] = model.predict(ext)
    scored = ext[["encounter_id", "p"]].merge(outcomes[["encounter_id", "died"]], on="encounter_id", how="inner")

    brier = brier_score_loss(scored["died"], scored["p"])
    logit_p = np.log(scored["p"] / (1 - scored["p"]))
    slope = smf.logit("died ~ logit_p", data=scored.assign(logit_p=logit_p)).fit(disp=0).params["logit_p"]
    print(f"external Brier {brier:.3f}, calibration slope {slope:.2f}")


if __name__ == "__main__":
    main()
