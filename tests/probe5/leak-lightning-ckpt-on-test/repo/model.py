import lightning as L
import torch
import torch.nn.functional as F
from torch import nn


class TextCNN(L.LightningModule):
    def __init__(self, vocab_size: int, n_classes: int, dim: int = 128):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab_size, dim)
        self.head = nn.Linear(dim, n_classes)

    def forward(self, tokens, offsets):
        return self.head(self.emb(tokens, offsets))

    def training_step(self, batch, _):
        tokens, offsets, y = batch
        loss = F.cross_entropy(self(tokens, offsets), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        tokens, offsets, y = batch
        self.log("val_acc", (self(tokens, offsets).argmax(-1) == y).float().mean(), prog_bar=True)

    def test_step(self, batch, _):
        tokens, offsets, y = batch
        self.log("test_acc", (self(tokens, offsets).argmax(-1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=3e-3)
