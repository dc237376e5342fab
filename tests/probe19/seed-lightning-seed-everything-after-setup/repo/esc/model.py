import lightning as L
import torch
import torch.nn as nn
import torch.nn.functional as F


class AudioCNN(L.LightningModule):
    def __init__(self, num_classes):
        super().__init__()
        self.net = nn.Sequential(nn.Conv1d(64, 128, 3), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(128, num_classes))

    def training_step(self, batch, batch_idx):
        x, y = batch
        return F.cross_entropy(self.net(x), y)

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_acc", (self.net(x).argmax(1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)
