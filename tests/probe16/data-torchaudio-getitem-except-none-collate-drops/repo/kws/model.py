import torch.nn as nn


class KWSNet(nn.Module):
    def __init__(self, n_classes, d=40, h=128):
        super().__init__()
        self.rnn = nn.GRU(d, h, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * h, n_classes)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out.mean(1))
