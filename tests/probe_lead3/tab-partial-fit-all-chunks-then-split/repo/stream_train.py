import json

import pandas as pd
from sklearn.linear_model import SGDRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

FEATURES = ["f%d" % i for i in range(40)]
scaler = StandardScaler()
for chunk in pd.read_csv("data/sensors.csv", chunksize=100_000):
    scaler.partial_fit(chunk[FEATURES])

df = pd.read_csv("data/sensors.csv")
tr, te = train_test_split(df, test_size=0.2, random_state=11)
model = SGDRegressor(random_state=11).fit(scaler.transform(tr[FEATURES]), tr["target"])
mae = mean_absolute_error(te["target"], model.predict(scaler.transform(te[FEATURES])))
json.dump({"test_mae": mae}, open("results/sgd.json", "w"))
