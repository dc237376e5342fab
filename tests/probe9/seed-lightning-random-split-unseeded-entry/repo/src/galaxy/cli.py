import argparse

import lightning as L
import yaml

from galaxy.datamodule import GalaxyData
from galaxy.module import Classifier


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("config")
    cfg = yaml.safe_load(open(ap.parse_args().config))
    dm = GalaxyData(batch_size=cfg["batch_size"])
    model = Classifier(cfg["arch"], cfg["lr"])
    trainer = L.Trainer(max_epochs=cfg["max_epochs"], accelerator="auto")
    trainer.fit(model, datamodule=dm)


if __name__ == "__main__":
    main()
