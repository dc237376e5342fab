from __future__ import annotations

import json

import lightgbm as lgb
from sklearn.metrics import average_precision_score, roc_auc_score

from .config import Config
from .data import load, split


def main(cfg: Config = Config()):
    X_tr, X_va, X_te, y_tr, y_va, y_te = split(load(cfg.data_path), seed=cfg.seed)
    dtrain = lgb.Dataset(X_tr, y_tr)
    dval = lgb.Dataset(X_va, y_va, reference=dtrain)
    booster = lgb.train(
        {"objective": "binary", "learning_rate": cfg.lr, "num_leaves": cfg.num_leaves,
         "feature_fraction": 0.8, "seed": cfg.seed, "verbose": -1},
        dtrain,
        num_boost_round=5000,
        valid_sets=[dval],
        valid_names=["val"],
        callbacks=[lgb.early_stopping(100), lgb.log_evaluation(200)],
    )
    p = booster.predict(X_te, num_iteration=booster.best_iteration)
    metrics = {"auc": roc_auc_score(y_te, p), "ap": average_precision_score(y_te, p),
               "best_iteration": booster.best_iteration, "seed": cfg.seed}
    print(json.dumps(metrics, indent=1))
    json.dump(metrics, open(cfg.out, "w"), indent=1)


if __name__ == "__main__":
    main()
