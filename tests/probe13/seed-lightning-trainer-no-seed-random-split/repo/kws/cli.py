import lightning as L

from kws.data import KWSData
from kws.model import KWSNet


def main():
    trainer = L.Trainer(max_epochs=30, accelerator="gpu")
    trainer.fit(KWSNet(), datamodule=KWSData())


if __name__ == "__main__":
    main()
