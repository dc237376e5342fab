import json

import numpy as np
import xgboost as xgb
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold

data = np.load("data/building_energy.npz")
X, y = data["X"], data["y"]

rmses = []
for fold, (train_idx, held_idx) in enumerate(KFold(n_splits=5, shuffle=True, random_state=3).split(X)):
    reg = xgb.XGBRegressor(n_estimators=600, max_depth=6, learning_rate=0.05, subsample=0.8,
                           random_state=3)
    reg.fit(X[train_idx], y[train_idx])
    pred = reg.predict(X[train_idx])
    rmses.append(float(np.sqrt(mean_squared_error(y[train_idx], pred))))
    print(f"fold {fold}: rmse {rmses[-1]:.2f}")

json.dump({"model": "xgboost", "cv_rmse_mean": float(np.mean(rmses)), "cv_rmse_sd": float(np.std(rmses)),
           "folds": rmses}, open("results/cv.json", "w"), indent=2)
