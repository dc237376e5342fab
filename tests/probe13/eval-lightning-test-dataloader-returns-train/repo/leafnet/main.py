from lightning.pytorch.cli import LightningCLI

from leafnet.datamodule import LeafDataModule
from leafnet.module import LeafClassifier

if __name__ == "__main__":
    LightningCLI(LeafClassifier, LeafDataModule, seed_everything_default=1234)
