import json

import numpy as np
import pandas as pd
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor

df = pd.read_csv("data/energy.csv")
X, y = df.drop(columns=["heating_load"]).to_numpy(), df["heating_load"].to_numpy()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
out = {}
for seed in range(5):
    m = MLPRegressor(hidden_layer_sizes=(64, 64), learning_rate_init=0.05, random_state=seed).fit(X_tr, y_tr)
    out[f"seed_{seed}"] = float(r2_score(y_te, m.predict(X_te)))
out["mean"] = float(np.mean(list(out.values())))
json.dump({"model": "MLPRegressor(64,64)", "n_test": len(y_te), "r2": out}, open("results/seeds.json", "w"), indent=2)
