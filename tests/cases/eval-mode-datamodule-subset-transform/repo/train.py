import lightning as L
import torch
import torchvision
from torch import nn

from datamodule import LesionDataModule


class LesionClassifier(L.LightningModule):
    def __init__(self, classes: int = 7):
        super().__init__()
        self.net = torchvision.models.resnet50(weights="IMAGENET1K_V2")
        self.net.fc = nn.Linear(self.net.fc.in_features, classes)

    def training_step(self, batch, _):
        x, y = batch
        loss = nn.functional.cross_entropy(self.net(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        acc = (self.net(x).argmax(1) == y).float().mean()
        self.log("val_acc", acc, prog_bar=True)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=3e-4)


if __name__ == "__main__":
    L.seed_everything(17)
    trainer = L.Trainer(max_epochs=30, callbacks=[L.pytorch.callbacks.ModelCheckpoint(monitor="val_acc", mode="max")])
    trainer.fit(LesionClassifier(), datamodule=LesionDataModule("data/isic2018"))
