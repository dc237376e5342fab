from torch import nn


class M5(nn.Module):
    def __init__(self, n_output=35, stride=16, n_channel=32):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(1, n_channel, kernel_size=80, stride=stride), nn.BatchNorm1d(n_channel), nn.ReLU(),
            nn.MaxPool1d(4), nn.Conv1d(n_channel, n_channel, 3), nn.BatchNorm1d(n_channel), nn.ReLU(),
            nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(n_channel, n_output),
        )

    def forward(self, x):
        return self.net(x)
