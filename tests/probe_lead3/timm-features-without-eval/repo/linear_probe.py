import json

import numpy as np
import timm
import torch
from sklearn.linear_model import LogisticRegression
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


@torch.no_grad()
def extract(model, loader):
    feats, labels = [], []
    for x, y in loader:
        feats.append(model.forward_features(x).mean(1).numpy())
        labels.append(y.numpy())
    return np.concatenate(feats), np.concatenate(labels)


tf = transforms.Compose([transforms.Resize(224), transforms.ToTensor()])
train = datasets.CIFAR10("data", train=True, download=True, transform=tf)
test = datasets.CIFAR10("data", train=False, download=True, transform=tf)
backbone = timm.create_model("vit_base_patch16_224", pretrained=True, drop_rate=0.1, drop_path_rate=0.1)
Xtr, ytr = extract(backbone, DataLoader(train, batch_size=256))
Xte, yte = extract(backbone, DataLoader(test, batch_size=256))
clf = LogisticRegression(max_iter=3000).fit(Xtr, ytr)
json.dump({"linear_probe_acc": clf.score(Xte, yte)}, open("results/probe.json", "w"))
