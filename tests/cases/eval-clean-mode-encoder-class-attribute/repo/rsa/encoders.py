"""Pretrained image networks whose activations are compared with brain responses."""
import torch
import torchvision


class Encoder:
    """A pretrained network and where its weights came from."""

    def __init__(self, arch: str = "resnet50", device: str = "cpu"):
        if arch == "resnet18":
            self.net = torchvision.models.resnet18(weights="IMAGENET1K_V1").to(device)
        else:
            self.net = torchvision.models.resnet50(weights="IMAGENET1K_V2").to(device)
        self.net.eval()
        self.arch = arch
        self.device = torch.device(device)

    def describe(self) -> str:
        return f"{self.arch} on {self.device}"
