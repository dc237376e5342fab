import torch


@torch.no_grad()
def top1(model, loader, device="cuda"):
    correct = total = 0
    for images, targets in loader:
        logits = model(images.to(device))
        correct += (logits.argmax(1).cpu() == targets).sum().item()
        total += targets.numel()
    return correct / total
