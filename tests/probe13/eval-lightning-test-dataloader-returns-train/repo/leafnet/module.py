import lightning as L
import timm
import torch
import torch.nn.functional as F


class LeafClassifier(L.LightningModule):
    def __init__(self, arch: str = "resnet50", num_classes: int = 12, lr: float = 3e-4):
        super().__init__()
        self.save_hyperparameters()
        self.net = timm.create_model(arch, pretrained=True, num_classes=num_classes)

    def training_step(self, batch, _):
        x, y = batch
        loss = F.cross_entropy(self.net(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        x, y = batch
        self.log("val_acc", (self.net(x).argmax(1) == y).float().mean())

    def test_step(self, batch, _):
        x, y = batch
        self.log("test_acc", (self.net(x).argmax(1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
