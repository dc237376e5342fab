import lightning as L
import timm
import torch
import torch.nn.functional as F


class Classifier(L.LightningModule):
    def __init__(self, arch, lr):
        super().__init__()
        self.save_hyperparameters()
        self.net = timm.create_model(arch, pretrained=False, num_classes=10)

    def training_step(self, batch, _):
        x, y = batch
        loss = F.cross_entropy(self.net(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        self.log("val_acc", (self.net(x).argmax(1) == y).float().mean(), prog_bar=True)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
