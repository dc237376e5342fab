"""MLP probe on cached hidden states: does layer L linearly encode truthfulness?"""
from dataclasses import dataclass, field

import torch
from torch import nn


@dataclass
class PathResult:
    penalties: list = field(default_factory=list)
    losses: list = field(default_factory=list)


class TruthProbe(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.head = nn.Sequential(nn.Linear(width, 512), nn.GELU(), nn.Dropout(0.1), nn.Linear(512, 1))

    def forward(self, hidden):
        return self.head(hidden).squeeze(-1)

    def sweep(self, hidden, labels, penalties=(1e-4, 1e-3, 1e-2)):
        result = PathResult()
        for penalty in penalties:
            loss = nn.functional.binary_cross_entropy_with_logits(self(hidden), labels.float())
            result.penalties.append(penalty)
            result.losses.append(float(loss + penalty * self.head[0].weight.square().sum()))
        return result


def auroc_on(model, batches):
    scores, gold = [], []
    with torch.no_grad():
        for hidden, labels in batches:
            scores.append(model(hidden))
            gold.append(labels)
    return torch.cat(scores), torch.cat(gold)


if __name__ == "__main__":
    torch.manual_seed(0)
    train = torch.load("cache/layer16_train.pt")
    test_batches = torch.load("cache/layer16_test_batches.pt")
    probe = TruthProbe(4096)
    probe.sweep(train["hidden"], train["labels"])
    scores, gold = auroc_on(probe, test_batches)
    print(((scores > 0).long() == gold).float().mean().item())
