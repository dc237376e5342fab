import hydra
import lightning as L

from conf.config import TrainConfig
from src.datamodule import EuroSATData
from src.model import Classifier


@hydra.main(version_base=None, config_name="train")
def main(cfg: TrainConfig):
    dm = EuroSATData(cfg.data.root, cfg.data.val_fraction, cfg.data.batch_size)
    model = Classifier(lr=cfg.lr)
    trainer = L.Trainer(max_epochs=cfg.max_epochs, accelerator="auto")
    trainer.fit(model, datamodule=dm)
    print(trainer.callback_metrics)


if __name__ == "__main__":
    main()
