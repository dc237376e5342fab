import torch
import torchvision
import torchvision.transforms as T

from cifar.engine import evaluate, train_one_epoch
from cifar.models import resnet18_dropout

torch.manual_seed(1)
dev = "cuda"
norm = T.Normalize((0.507, 0.487, 0.441), (0.267, 0.256, 0.276))
train_set = torchvision.datasets.CIFAR100("data", train=True, download=True,
                                          transform=T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(), norm]))
test_set = torchvision.datasets.CIFAR100("data", train=False, download=True, transform=T.Compose([T.ToTensor(), norm]))
train_loader = torch.utils.data.DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4)
test_loader = torch.utils.data.DataLoader(test_set, batch_size=256, num_workers=4)

model = resnet18_dropout().to(dev)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
for epoch in range(60):
    train_one_epoch(model, train_loader, opt, dev)
    print(epoch, "test acc", evaluate(model, test_loader, dev))
