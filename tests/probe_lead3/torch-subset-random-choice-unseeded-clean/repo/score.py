import json

import torch
import torchvision
from torchvision import transforms

from evaluator import SubsetEvaluator

test_set = torchvision.datasets.CIFAR100("data", train=False, download=True, transform=transforms.ToTensor())
model = torch.load("checkpoints/wrn28.pt", weights_only=False)
acc = SubsetEvaluator(test_set).accuracy(model)
json.dump({"cifar100_subset_acc": acc}, open("results/cifar100.json", "w"))
