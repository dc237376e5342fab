import torch
import segmentation_models_pytorch as smp


def train_one_epoch(model, loader, opt, loss_fn, device):
    model.train()
    for img, mask in loader:
        img, mask = img.to(device), mask.to(device)
        opt.zero_grad()
        loss = loss_fn(model(img), mask)
        loss.backward()
        opt.step()


def validate(model, loader, device):
    model.eval()
    tp = fp = fn = tn = 0
    with torch.no_grad():
        for img, mask in loader:
            logits = model(img.to(device))
            stats = smp.metrics.get_stats(logits.sigmoid() > 0.5, mask.to(device).long(), mode="binary")
            tp, fp, fn, tn = tp + stats[0].sum(), fp + stats[1].sum(), fn + stats[2].sum(), tn + stats[3].sum()
    return float(smp.metrics.f1_score(tp, fp, fn, tn, reduction="micro"))
