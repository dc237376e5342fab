from lightning.pytorch.cli import LightningCLI

from sensorcast.data import WindowDataModule
from sensorcast.model import Forecaster


def main():
    LightningCLI(Forecaster, WindowDataModule, seed_everything_default=0)


if __name__ == "__main__":
    main()
