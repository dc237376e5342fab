import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import load_splits

torch.manual_seed(0)


class TextCNN(nn.Module):
    def __init__(self, vocab, dim=128, n_classes=4):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.conv = nn.Conv1d(dim, 100, 5)
        self.drop = nn.Dropout(0.5)
        self.out = nn.Linear(100, n_classes)

    def forward(self, x):
        h = torch.relu(self.conv(self.emb(x).transpose(1, 2))).max(-1).values
        return self.out(self.drop(h))


def validate(model, loader):
    correct = total = 0
    for x, y in loader:
        pred = model(x).argmax(1)
        correct += (pred == y).sum().item()
        total += len(y)
    return correct / total


train_set, val_set, vocab = load_splits()
model = TextCNN(len(vocab))
opt = torch.optim.Adam(model.parameters(), 1e-3)
train_loader = DataLoader(train_set, batch_size=64, shuffle=True)
val_loader = DataLoader(val_set, batch_size=256)
for epoch in range(10):
    model.train()
    for x, y in train_loader:
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    print(epoch, "val acc", validate(model, val_loader))
