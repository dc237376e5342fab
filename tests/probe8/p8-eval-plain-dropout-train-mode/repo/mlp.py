import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

torch.manual_seed(0)
tf = transforms.ToTensor()
train_dl = DataLoader(datasets.MNIST("data", train=True, download=True, transform=tf), batch_size=128, shuffle=True)
test_dl = DataLoader(datasets.MNIST("data", train=False, download=True, transform=tf), batch_size=1000)

model = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

for epoch in range(5):
    model.train()
    for x, y in train_dl:
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

correct = 0
with torch.no_grad():
    for x, y in test_dl:
        correct += (model(x).argmax(dim=1) == y).sum().item()
print(f"test accuracy {correct / len(test_dl.dataset):.4f}")
