import lightning as L
import torch
from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint
from transformers import AutoModelForSequenceClassification

from senti.data import NAME, IMDBDataModule


class Classifier(L.LightningModule):
    def __init__(self, lr=2e-5):
        super().__init__()
        self.save_hyperparameters()
        self.model = AutoModelForSequenceClassification.from_pretrained(NAME, num_labels=2)

    def training_step(self, batch, batch_idx):
        out = self.model(**batch)
        self.log("train_loss", out.loss)
        return out.loss

    def validation_step(self, batch, batch_idx):
        logits = self.model(**batch).logits
        self.log("val_acc", (logits.argmax(-1) == batch["labels"]).float().mean(), prog_bar=True)

    def test_step(self, batch, batch_idx):
        logits = self.model(**batch).logits
        self.log("test_acc", (logits.argmax(-1) == batch["labels"]).float().mean())

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)


if __name__ == "__main__":
    L.seed_everything(0)
    dm = IMDBDataModule()
    ckpt = ModelCheckpoint(monitor="val_acc", mode="max")
    trainer = L.Trainer(max_epochs=5, callbacks=[EarlyStopping(monitor="val_acc", mode="max", patience=1), ckpt])
    trainer.fit(Classifier(), datamodule=dm)
    trainer.test(datamodule=dm, ckpt_path="best")
