from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    data_path: str = "data/churn.parquet"
    out: str = "results/lgbm_churn.json"
    lr: float = 0.03
    num_leaves: int = 63
    seed: int = 13
