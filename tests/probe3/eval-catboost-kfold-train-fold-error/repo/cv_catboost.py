import numpy as np
import pandas as pd
from catboost import CatBoostRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold

df = pd.read_csv("data/concrete.csv")
X = df.drop(columns=["strength_mpa"])
y = df["strength_mpa"]

kf = KFold(n_splits=5, shuffle=True, random_state=42)
fold_rmse = []
for fold, (tr, va) in enumerate(kf.split(X)):
    model = CatBoostRegressor(iterations=1500, depth=6, learning_rate=0.03, random_seed=42, verbose=0)
    model.fit(X.iloc[tr], y.iloc[tr])
    pred = model.predict(X.iloc[tr])
    rmse = mean_squared_error(y.iloc[tr], pred) ** 0.5
    fold_rmse.append(rmse)
    print(f"fold {fold}: rmse {rmse:.3f}")
print(f"CV RMSE {np.mean(fold_rmse):.3f} +- {np.std(fold_rmse):.3f}")
