import pandas as pd
from lifelines import CoxPHFitter
from lifelines.utils import concordance_index

df = pd.read_csv("data/cohort.csv")
train, test = df[df["site"] != "B"], df[df["site"] == "B"]
print(f"train {len(train)} patients, external test {len(test)}")

cph = CoxPHFitter(penalizer=0.05)
cph.fit(train.drop(columns=["site", "patient_id"]), duration_col="months", event_col="death")
risk = cph.predict_partial_hazard(test)
c = concordance_index(test["months"], risk, test["death"])
print(f"external C-index {c:.3f}")
