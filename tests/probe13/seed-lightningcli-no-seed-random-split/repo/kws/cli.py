from lightning.pytorch.cli import LightningCLI

from kws.data import KWSData
from kws.model import KWSNet


def cli_main():
    LightningCLI(KWSNet, KWSData)


if __name__ == "__main__":
    cli_main()
