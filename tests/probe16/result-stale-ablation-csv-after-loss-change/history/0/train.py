import argparse
import csv

import torch
import torch.nn as nn
from torchvision import datasets, transforms

p = argparse.ArgumentParser()
p.add_argument("--width", type=int, default=64)
p.add_argument("--seed", type=int, default=0)
args = p.parse_args()
torch.manual_seed(args.seed)

tf = transforms.ToTensor()
train = datasets.CIFAR10("data", train=True, download=True, transform=tf)
test = datasets.CIFAR10("data", train=False, download=True, transform=transforms.ToTensor())
model = nn.Sequential(nn.Conv2d(3, args.width, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                      nn.Flatten(), nn.Linear(args.width, 10))
loss_fn = nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
g = torch.Generator().manual_seed(args.seed)
for epoch in range(30):
    model.train()
    for x, y in torch.utils.data.DataLoader(train, batch_size=128, shuffle=True, generator=g):
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
model.eval()
with torch.no_grad():
    acc = sum((model(x).argmax(1) == y).sum().item() for x, y in torch.utils.data.DataLoader(test, batch_size=512)) / len(test)
with open("results/ablation.csv", "a", newline="") as fh:
    csv.writer(fh).writerow([args.width, args.seed, acc])
