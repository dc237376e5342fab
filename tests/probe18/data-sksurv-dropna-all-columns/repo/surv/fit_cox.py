import pandas as pd
from sklearn.model_selection import train_test_split
from sksurv.linear_model import CoxPHSurvivalAnalysis
from sksurv.metrics import concordance_index_censored
from sksurv.util import Surv

cohort = pd.read_csv("data/cohort.csv")
FEATURES = ["age", "stage", "ecog", "albumin", "ldh"]
cohort = cohort.dropna()

X = cohort[FEATURES]
y = Surv.from_dataframe("event", "months", cohort)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=7)

cox = CoxPHSurvivalAnalysis(alpha=0.1).fit(X_tr, y_tr)
risk = cox.predict(X_te)
cindex = concordance_index_censored(y_te["event"], y_te["months"], risk)[0]
print(f"test C-index {cindex:.3f}")
