import json

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/housing.csv")
X, y = df.drop(columns=["price"]).values, df["price"].values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
scaler = StandardScaler().fit(np.vstack([X_train, X_test]))
model = Ridge(alpha=1.0).fit(scaler.transform(X_train), y_train)
mae = mean_absolute_error(y_test, model.predict(scaler.transform(X_test)))
json.dump({"mae": mae}, open("results/ridge.json", "w"))
