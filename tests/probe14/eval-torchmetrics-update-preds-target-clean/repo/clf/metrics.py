import torch
from torchmetrics.classification import MulticlassAccuracy, MulticlassF1Score


class Meter:
    def __init__(self, num_classes: int, device):
        self.f1 = MulticlassF1Score(num_classes=num_classes, average="macro").to(device)
        self.acc = MulticlassAccuracy(num_classes=num_classes, average="micro").to(device)

    @torch.no_grad()
    def add(self, batch_labels, logits):
        batch_preds = logits.argmax(dim=-1)
        self.f1.update(batch_preds, batch_labels)
        self.acc.update(batch_preds, batch_labels)

    def compute(self):
        return {"macro_f1": self.f1.compute().item(), "accuracy": self.acc.compute().item()}
