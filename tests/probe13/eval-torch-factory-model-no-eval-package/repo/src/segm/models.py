import torch
from torch import nn


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(), nn.Dropout2d(0.2))


class UNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.enc1, self.enc2 = block(1, ch), block(ch, 2 * ch)
        self.dec = block(3 * ch, ch)
        self.out = nn.Conv2d(ch, 1, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(nn.functional.max_pool2d(e1, 2))
        up = nn.functional.interpolate(e2, scale_factor=2)
        return self.out(self.dec(torch.cat([e1, up], 1)))


def build_model(ckpt=None):
    model = UNet()
    if ckpt:
        model.load_state_dict(torch.load(ckpt, map_location="cpu"))
    return model
