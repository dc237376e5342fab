import torch
import torchvision
from torch.utils.data import DataLoader


class FeatureExtractor:
    def __init__(self, device="cuda"):
        net = torchvision.models.resnet50(weights=torchvision.models.ResNet50_Weights.IMAGENET1K_V2)
        net.fc = torch.nn.Identity()
        self.net = net.to(device)
        self.device = device

    @torch.no_grad()
    def __call__(self, dataset, batch_size=128):
        feats, labels = [], []
        for x, y in DataLoader(dataset, batch_size=batch_size, shuffle=False, num_workers=4):
            feats.append(self.net(x.to(self.device)).cpu())
            labels.append(y)
        return torch.cat(feats).numpy(), torch.cat(labels).numpy()
