import json

import torch
from torch.utils.data import ConcatDataset, DataLoader, random_split
from torchvision import datasets, models, transforms

torch.manual_seed(0)
plain = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])
augment = transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(), transforms.ColorJitter(0.3, 0.3, 0.3), transforms.ToTensor()])
original = datasets.ImageFolder("data/skin_lesions", transform=plain)
augmented = datasets.ImageFolder("data/skin_lesions", transform=augment)
full = ConcatDataset([original, augmented, augmented])
train_set, test_set = random_split(full, [0.8, 0.2], generator=torch.Generator().manual_seed(0))

model = models.resnet18(weights=models.ResNet18_Weights.DEFAULT)
model.fc = torch.nn.Linear(model.fc.in_features, len(original.classes))
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for epoch in range(15):
    model.train()
    for x, y in DataLoader(train_set, batch_size=64, shuffle=True):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()

model.eval()
correct = 0
with torch.no_grad():
    for x, y in DataLoader(test_set, batch_size=128):
        correct += (model(x).argmax(1) == y).sum().item()
with open("results/lesions.json", "w") as fh:
    json.dump({"model": "resnet18", "n_test": len(test_set), "accuracy": correct / len(test_set)}, fh)
