"""Train a small CNN on CIFAR-10 for a fixed number of epochs and plot its test confusion matrix."""
import itertools

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.metrics import confusion_matrix

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


def draw_confusion(matrix, labels, out):
    fig, ax = plt.subplots(figsize=(7, 7))
    ax.imshow(matrix, cmap="Greens")
    level = matrix.max() / 2
    for r, c in itertools.product(range(matrix.shape[0]), range(matrix.shape[1])):
        ax.text(c, r, str(matrix[r, c]), ha="center", color="white" if matrix[r, c] > level else "black")
    ax.set_xticks(np.arange(len(labels)), labels)
    fig.savefig(out)


def summarise(y_true, y_pred):
    matrix = confusion_matrix(y_true, y_pred)
    draw_confusion(matrix, list(range(10)), "figures/confusion.png")


summarise(y_true, y_pred)
plt.figure()
plt.plot(curve)
plt.ylim(0, 1.05 * max(curve))
plt.savefig("figures/test_curve.png")
print(f"final test accuracy {curve[-1]:.4f}")
