import json

import category_encoders as ce
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/ads.csv")
cats = ["site_id", "app_id", "device_model"]
df[cats] = ce.TargetEncoder(cols=cats).fit_transform(df[cats], df["click"])
tr, te = train_test_split(df, test_size=0.2, random_state=0)
clf = LogisticRegression(max_iter=1000).fit(tr[cats], tr["click"])
json.dump({"test_logloss": log_loss(te["click"], clf.predict_proba(te[cats])[:, 1])}, open("results/ctr.json", "w"))
