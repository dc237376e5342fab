import argparse
import json

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data/houses.csv")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()

    df = pd.read_csv(args.data)
    y = np.log1p(df.pop("price"))
    X = df

    kf = KFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    rmses = []
    for fold, (tr_idx, va_idx) in enumerate(kf.split(X)):
        model = lgb.LGBMRegressor(n_estimators=2000, learning_rate=0.03, num_leaves=31,
                                  random_state=args.seed, verbose=-1)
        model.fit(X.iloc[tr_idx], y.iloc[tr_idx],
                  eval_set=[(X.iloc[va_idx], y.iloc[va_idx])],
                  callbacks=[lgb.early_stopping(100, verbose=False)])
        pred = model.predict(X.iloc[tr_idx])
        rmse = mean_squared_error(y.iloc[tr_idx], pred) ** 0.5
        print(f"fold {fold}: rmse={rmse:.4f}")
        rmses.append(rmse)

    out = {"cv_rmse": float(np.mean(rmses)), "std": float(np.std(rmses)),
           "folds": args.folds, "seed": args.seed}
    json.dump(out, open("results/cv_lgbm.json", "w"), indent=2)


if __name__ == "__main__":
    main()
