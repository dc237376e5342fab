import json

import torch
import torchvision
from torch.utils.data import DataLoader
from torchmetrics.classification import MulticlassAccuracy, MulticlassCalibrationError
from torchvision import transforms

tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.4914, 0.4822, 0.4465), (0.247, 0.243, 0.261))])
test_set = torchvision.datasets.CIFAR10(root="data", train=False, download=True, transform=tf)
loader = DataLoader(test_set, batch_size=256, shuffle=False, num_workers=4)

model = torchvision.models.resnet18(num_classes=10)
model.load_state_dict(torch.load("checkpoints/resnet18_cifar10.pt", map_location="cpu"))
model.eval()

acc = MulticlassAccuracy(num_classes=10, average="micro")
ece = MulticlassCalibrationError(num_classes=10, n_bins=15)
with torch.inference_mode():
    for images, targets in loader:
        logits = model(images)
        probs = torch.softmax(logits, dim=1)
        acc.update(probs, targets)
        ece.update(probs, targets)

with open("results/cifar10_resnet18.json", "w") as fh:
    json.dump({"n": len(test_set), "accuracy": acc.compute().item(), "ece": ece.compute().item()}, fh, indent=2)
