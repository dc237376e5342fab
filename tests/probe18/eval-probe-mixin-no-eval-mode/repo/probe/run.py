import torch
from torchvision import datasets, transforms
from torch.utils.data import DataLoader

from probe.model import DinoProbe

torch.manual_seed(0)
tf = transforms.Compose([transforms.Resize(224), transforms.CenterCrop(224), transforms.ToTensor(),
                         transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
train = DataLoader(datasets.ImageFolder("data/train", tf), batch_size=64, shuffle=True)
test = DataLoader(datasets.ImageFolder("data/test", tf), batch_size=128)
model = DinoProbe(n_classes=37).fit(train)
print("test accuracy", model.test_accuracy(test))
