import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold

df = pd.read_csv("data/ames.csv")
feats = [c for c in df.columns if c not in ("SalePrice", "Id")]
kf = KFold(n_splits=5, shuffle=True, random_state=0)
rmses = []
for fold, (fit_idx, hold_idx) in enumerate(kf.split(df)):
    fit_df, hold_df = df.iloc[fit_idx], df.iloc[hold_idx]
    reg = xgb.XGBRegressor(n_estimators=800, max_depth=4, learning_rate=0.03, random_state=0)
    reg.fit(fit_df[feats], np.log1p(fit_df["SalePrice"]))
    pred = reg.predict(fit_df[feats])
    rmse = mean_squared_error(np.log1p(fit_df["SalePrice"]), pred) ** 0.5
    rmses.append(rmse)
    print(f"fold {fold}: rmse={rmse:.4f}")
print(f"CV RMSE (log): {np.mean(rmses):.4f} +- {np.std(rmses):.4f}")
