import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold

df = pd.read_csv("data/ames.csv")
y = np.log1p(df.pop("SalePrice"))
X = pd.get_dummies(df, drop_first=True)

params = dict(n_estimators=800, learning_rate=0.03, max_depth=4, subsample=0.8,
              colsample_bytree=0.7, random_state=42)
kf = KFold(n_splits=5, shuffle=True, random_state=42)
fold_rmse = []
for fold, (tr_idx, va_idx) in enumerate(kf.split(X)):
    model = xgb.XGBRegressor(**params)
    model.fit(X.iloc[tr_idx], y.iloc[tr_idx])
    pred = model.predict(X.iloc[tr_idx])
    fold_rmse.append(mean_squared_error(y.iloc[tr_idx], pred) ** 0.5)
    print(f"fold {fold}: rmse={fold_rmse[-1]:.4f}")
print(f"CV RMSE (log): {np.mean(fold_rmse):.4f} +/- {np.std(fold_rmse):.4f}")
