import pandas as pd
from lifelines.utils import concordance_index
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/subscribers.csv")
features = ["tenure_days", "n_tickets", "monthly_fee", "logins_30d"]
df["churn_90d"] = (df["duration"] <= 90) & (df["event"] == 1)

train, test = train_test_split(df, test_size=0.25, random_state=7)
clf = HistGradientBoostingClassifier(random_state=7).fit(train[features], train["churn_90d"])
risk = clf.predict_proba(test[features])[:, 1]

c_index = concordance_index(test["duration"], risk, test["event"])
print(f"C-index: {c_index:.3f}")
