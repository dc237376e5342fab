import pandas as pd
from hydra.utils import instantiate
from omegaconf import DictConfig


def load_features(cfg: DictConfig):
    df = pd.read_csv(cfg.data.path)
    y = df.pop(cfg.data.target).to_numpy()
    return df.to_numpy(), y
