import lightning as L
import torch
from torch import nn


class KWSNet(L.LightningModule):
    def __init__(self, n_classes: int = 35, lr: float = 1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.Conv1d(1, 64, 80, stride=16), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(64, n_classes))

    def training_step(self, batch, _):
        x, y = batch
        return nn.functional.cross_entropy(self.net(x.unsqueeze(1)), torch.tensor(y))

    def validation_step(self, batch, _):
        x, y = batch
        self.log("val_acc", (self.net(x.unsqueeze(1)).argmax(1) == torch.tensor(y)).float().mean())

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
