import torch
import torch.nn as nn


class EvalMixin:
    @torch.no_grad()
    def test_accuracy(self, loader):
        self.eval()
        correct = total = 0
        for x, y in loader:
            logits = self(x)
            correct += (logits.argmax(-1) == y).sum().item()
            total += len(y)
        return correct / total


class FitMixin:
    def fit(self, loader, epochs=10, lr=1e-3):
        opt = torch.optim.AdamW(self.head.parameters(), lr=lr)
        self.train()
        for _ in range(epochs):
            for x, y in loader:
                loss = nn.functional.cross_entropy(self(x), y)
                opt.zero_grad()
                loss.backward()
                opt.step()
        return self


class DinoProbe(nn.Module, FitMixin, EvalMixin):
    def __init__(self, n_classes):
        super().__init__()
        self.backbone = torch.hub.load("facebookresearch/dinov2", "dinov2_vits14")
        for p in self.backbone.parameters():
            p.requires_grad = False
        self.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(384, n_classes))

    def forward(self, x):
        return self.head(self.backbone(x))
