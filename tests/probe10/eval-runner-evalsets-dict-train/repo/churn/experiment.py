import json
from dataclasses import asdict, dataclass

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


@dataclass
class ExpConfig:
    data_path: str = "data/churn.parquet"
    target: str = "churned"
    num_leaves: int = 31
    learning_rate: float = 0.05
    n_estimators: int = 600
    seed: int = 13


class ChurnExperiment:
    def __init__(self, cfg: ExpConfig):
        self.cfg = cfg

    def load(self):
        df = pd.read_parquet(self.cfg.data_path)
        X, y = df.drop(columns=[self.cfg.target, "customer_id"]), df[self.cfg.target]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=self.cfg.seed)
        X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, stratify=y_tr, random_state=self.cfg.seed)
        return (X_tr, y_tr), (X_va, y_va), (X_te, y_te)

    def run(self):
        (X_tr, y_tr), (X_va, y_va), (X_te, y_te) = self.load()
        model = lgb.LGBMClassifier(num_leaves=self.cfg.num_leaves, learning_rate=self.cfg.learning_rate,
                                   n_estimators=self.cfg.n_estimators, random_state=self.cfg.seed)
        model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], callbacks=[lgb.early_stopping(50)])
        eval_sets = {"val": (X_va, y_va), "test": (X_tr, y_tr)}
        metrics = {}
        for name, (X_e, y_e) in eval_sets.items():
            metrics[f"{name}_auc"] = roc_auc_score(y_e, model.predict_proba(X_e)[:, 1])
        return {"config": asdict(self.cfg), **metrics}


if __name__ == "__main__":
    out = ChurnExperiment(ExpConfig()).run()
    json.dump(out, open("results/churn_lgbm.json", "w"), indent=2)
