import torch
import torch.nn.functional as F


def train_one_epoch(model, loader, opt, device):
    model.train(True)
    for images, targets in loader:
        loss = F.cross_entropy(model(images.to(device)), targets.to(device))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()


def evaluate(model, loader, device):
    model.train(False)
    correct = n = 0
    with torch.inference_mode():
        for images, targets in loader:
            logits = model(images.to(device))
            correct += (logits.argmax(1).cpu() == targets).sum().item()
            n += targets.numel()
    return correct / n
