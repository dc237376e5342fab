import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold

from model import make

df = pd.read_csv("data/concrete.csv")
X, y = df.drop(columns=["strength"]).to_numpy(), df["strength"].to_numpy()

errs = []
for tr_idx, va_idx in KFold(10, shuffle=True, random_state=0).split(X):
    m = make(alpha=3.0).fit(X[tr_idx], y[tr_idx])
    errs.append(np.sqrt(mean_squared_error(y[tr_idx], m.predict(X[tr_idx]))))
print(f"10-fold CV RMSE {np.mean(errs):.2f} +/- {np.std(errs):.2f}")
