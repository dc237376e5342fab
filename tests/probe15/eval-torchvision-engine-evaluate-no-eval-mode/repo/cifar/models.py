import torch.nn as nn
import torchvision


def resnet18_dropout(n_cls=100, p=0.3):
    m = torchvision.models.resnet18(num_classes=n_cls)
    m.fc = nn.Sequential(nn.Dropout(p), nn.Linear(512, n_cls))
    return m
