import numpy as np
import pandas as pd
import statsmodels.api as sm
from sklearn.model_selection import KFold

df = pd.read_csv("data/county_health.csv")
X = sm.add_constant(df[["income", "smoking_rate", "uninsured"]].to_numpy())
y = df["life_expectancy"].to_numpy()

kf = KFold(n_splits=10, shuffle=True, random_state=7)
rmse = []
for fit_idx, hold_idx in kf.split(X):
    ols = sm.OLS(y[fit_idx], X[fit_idx]).fit()

    resid = y[hold_idx] - ols.predict(X[hold_idx])
    rmse.append(float(np.sqrt(np.mean(resid ** 2))))

print(f"10-fold RMSE: {np.mean(rmse):.3f} +/- {np.std(rmse):.3f}")
pd.DataFrame({"fold": range(10), "rmse": rmse}).to_csv("results/cv_rmse.csv", index=False)
