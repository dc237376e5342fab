import json

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/solubility_descriptors.csv")
desc = [c for c in df.columns if c.startswith("d_")]
fp = [c for c in df.columns if c.startswith("fp_")]
pre = ColumnTransformer([("desc", StandardScaler(), desc), ("fp", "passthrough", fp)])
model = Pipeline([("pre", pre), ("rf", RandomForestRegressor(n_estimators=500, random_state=0, n_jobs=-1))])

y = df["logS"].to_numpy()
oof = cross_val_predict(model, df[desc + fp], y, cv=GroupKFold(n_splits=5), groups=df["scaffold"])
summary = {"r2": r2_score(oof, y), "mae": mean_absolute_error(y, oof), "n": len(y), "cv": "GroupKFold(5) by scaffold"}
json.dump(summary, open("results/rf_scaffold_cv.json", "w"), indent=2)
print(summary)
