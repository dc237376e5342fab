import json

import lightning as L
import torch
import torchvision
from torch import nn

from datamodule import LeavesDataModule


class Classifier(L.LightningModule):
    def __init__(self, n_classes=5):
        super().__init__()
        self.net = torchvision.models.resnet18(num_classes=n_classes)

    def training_step(self, batch, _):
        x, y = batch
        return nn.functional.cross_entropy(self.net(x), y)

    def test_step(self, batch, _):
        x, y = batch
        acc = (self.net(x).argmax(dim=1) == y).float().mean()
        self.log("test_acc", acc)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)


L.seed_everything(0)
dm = LeavesDataModule()
model = Classifier()
trainer = L.Trainer(max_epochs=10, deterministic=True)
trainer.fit(model, datamodule=dm)
res = trainer.test(model, datamodule=dm)[0]
json.dump({"arch": "resnet18", "seed": 0, "test_acc": res["test_acc"]}, open("results/leaves.json", "w"))
