import lightning as L
import torch
from torch import nn

from datamodule import SensorDataModule


class RULRegressor(L.LightningModule):
    def __init__(self, n_sensors=14, hidden=64):
        super().__init__()
        self.lstm = nn.LSTM(n_sensors, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.head(self.lstm(x)[0][:, -1]).squeeze(-1)

    def training_step(self, batch, _):
        x, y = batch
        loss = nn.functional.mse_loss(self(x), y)
        self.log("train_rmse", loss.sqrt())
        return loss

    def test_step(self, batch, _):
        x, y = batch
        self.log("test_rmse", nn.functional.mse_loss(self(x), y).sqrt())

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)


if __name__ == "__main__":
    L.seed_everything(0)
    dm = SensorDataModule()
    trainer = L.Trainer(max_epochs=30, deterministic=True)
    trainer.fit(RULRegressor(), datamodule=dm)
    trainer.test(datamodule=dm)
