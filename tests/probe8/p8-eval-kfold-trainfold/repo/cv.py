import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/housing.csv")
X = df.drop(columns=["price"]).to_numpy()
y = np.log(df["price"].to_numpy())

kf = KFold(n_splits=5, shuffle=True, random_state=0)
rmses = []
for fold, (train_idx, val_idx) in enumerate(kf.split(X)):
    model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
    model.fit(X[train_idx], y[train_idx])
    pred = model.predict(X[train_idx])
    rmse = mean_squared_error(y[train_idx], pred) ** 0.5
    rmses.append(rmse)
    print(f"fold {fold}: rmse {rmse:.4f}")
print(f"CV RMSE {np.mean(rmses):.4f} +- {np.std(rmses):.4f}")
