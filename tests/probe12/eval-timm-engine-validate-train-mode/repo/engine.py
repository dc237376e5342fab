import torch
import torch.nn.functional as F


def train_one_epoch(model, loader, optimizer, device):
    model.train()
    for images, target in loader:
        images, target = images.to(device), target.to(device)
        loss = F.cross_entropy(model(images), target, label_smoothing=0.1)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()


def validate(model, loader, device):
    correct = total = 0
    for images, target in loader:
        images, target = images.to(device), target.to(device)
        logits = model(images)
        correct += (logits.argmax(-1) == target).sum().item()
        total += target.numel()
    return correct / total
