"""Fine-tune a CTC speech recogniser; keep the best checkpoint by validation WER."""
import argparse

import jiwer
import pytorch_lightning as pl
import torch
from pytorch_lightning.callbacks import LearningRateMonitor, ModelCheckpoint

from ctc_module import CTCRecogniser, SpeechDataModule


class WERLogger(pl.Callback):
    def on_validation_epoch_end(self, trainer, module):
        refs, hyps = module.collect_transcripts()
        module.log("val_wer", jiwer.wer(refs, hyps), prog_bar=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/commonvoice_de")
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()
    pl.seed_everything(13)
    data = SpeechDataModule(args.data, batch_size=16)
    model = CTCRecogniser(vocab_size=data.vocab_size, lr=3e-4)
    best = ModelCheckpoint(
        dirpath="checkpoints",
        filename="ctc-{epoch:02d}-{val_wer:.3f}",
        monitor="val_wer",
        mode="max",
        save_top_k=1,
    )
    trainer = pl.Trainer(max_epochs=args.epochs, callbacks=[WERLogger(), best, LearningRateMonitor()])
    trainer.fit(model, datamodule=data)
    trainer.test(ckpt_path=best.best_model_path, datamodule=data)
    torch.save(model.state_dict(), "final.pt")


if __name__ == "__main__":
    main()
