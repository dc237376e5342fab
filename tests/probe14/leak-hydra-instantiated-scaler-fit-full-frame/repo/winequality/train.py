import json

import hydra
from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

from winequality.data import load_features


@hydra.main(config_path="../conf", config_name="config", version_base=None)
def main(cfg: DictConfig):
    X, y = load_features(cfg)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=cfg.data.test_size, random_state=cfg.data.seed)
    model = instantiate(cfg.model).fit(X_tr, y_tr)
    mae = mean_absolute_error(y_te, model.predict(X_te))
    print(OmegaConf.to_yaml(cfg))
    with open("metrics.json", "w") as fh:
        json.dump({"config": OmegaConf.to_container(cfg), "test_mae": mae}, fh)


if __name__ == "__main__":
    main()
