import json

import numpy as np
import torch
from skorch import NeuralNetClassifier
from skorch.helper import predefined_split
from torch import nn
from torch.utils.data import random_split
from torchvision import datasets, transforms

tf = transforms.Compose([transforms.Grayscale(), transforms.Resize((32, 32)), transforms.ToTensor()])
full = datasets.ImageFolder("data/glyphs", transform=tf)
train_ds, valid_ds, test_ds = random_split(full, [0.7, 0.1, 0.2])


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(32 * 32, 128), nn.ReLU(), nn.Linear(128, len(full.classes)))

    def forward(self, x):
        return self.body(x)


net = NeuralNetClassifier(Net, max_epochs=15, lr=0.05, train_split=predefined_split(valid_ds), iterator_train__shuffle=True)
net.fit(train_ds, y=None)
y_test = np.array([y for _, y in test_ds])
acc = float((net.predict(test_ds) == y_test).mean())
json.dump({"model": "mlp-128", "n_test": len(test_ds), "accuracy": acc}, open("results/glyphs.json", "w"))
