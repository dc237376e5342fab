import json

import torch
from sklearn.linear_model import LogisticRegression
from torchvision import datasets, transforms

from probe.extract import extract_features, load_backbone

torch.manual_seed(0)
tf = transforms.Compose([transforms.Resize(224), transforms.ToTensor(),
                         transforms.Normalize([0.5] * 3, [0.5] * 3)])
train = datasets.CIFAR100("data", train=True, download=True, transform=tf)
test = datasets.CIFAR100("data", train=False, download=True, transform=tf)

backbone = load_backbone()
Xtr, ytr = extract_features(backbone, train)
Xte, yte = extract_features(backbone, test)
clf = LogisticRegression(max_iter=3000, C=0.5).fit(Xtr, ytr)
acc = clf.score(Xte, yte)
print("linear probe acc", acc)
json.dump({"backbone": "vit_base_patch16_224", "acc": acc, "seed": 0}, open("results/probe.json", "w"))
