import lightning as L
import torch
import torch.nn.functional as F
import torchvision

from cifar.datamodule import CIFAR10DataModule


class LitResNet(L.LightningModule):
    def __init__(self, lr=0.05):
        super().__init__()
        self.save_hyperparameters()
        self.net = torchvision.models.resnet18(num_classes=10)

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_acc", (self(x).argmax(1) == y).float().mean())

    def test_step(self, batch, batch_idx):
        x, y = batch
        self.log("test_acc", (self(x).argmax(1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.hparams.lr, momentum=0.9, weight_decay=5e-4)


if __name__ == "__main__":
    L.seed_everything(0)
    dm = CIFAR10DataModule()
    model = LitResNet()
    trainer = L.Trainer(max_epochs=30, accelerator="auto")
    trainer.fit(model, datamodule=dm)
    trainer.test(model, datamodule=dm)
