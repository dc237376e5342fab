import argparse

import lightning as L

from kws.data import SpeechCommands
from kws.model import KWSNet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="data/speech_commands")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    L.seed_everything(args.seed)
    dm = SpeechCommands(args.root)
    dm.setup("fit")
    model = KWSNet(n_classes=len(dm.classes))
    trainer = L.Trainer(max_epochs=20, deterministic=True)
    trainer.fit(model, datamodule=dm)
    trainer.test(model, datamodule=dm)


if __name__ == "__main__":
    main()
