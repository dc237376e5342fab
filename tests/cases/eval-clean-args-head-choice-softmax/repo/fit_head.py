from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

from sentiment.heads import DeepHead


@dataclass
class HeadConfig:
    deep: bool = False
    epochs: int = 20
    lr: float = 1e-3
    n_classes: int = 3


def fit(cfg: HeadConfig, train_emb, train_y, test_emb, test_y):
    torch.manual_seed(0)
    dim = train_emb.shape[1]
    head = DeepHead(dim, cfg.n_classes) if cfg.deep else nn.Sequential(nn.Linear(dim, cfg.n_classes), nn.Softmax(dim=-1))
    opt = torch.optim.Adam(head.parameters(), lr=cfg.lr)
    for _ in range(cfg.epochs):
        head.train()
        probs = head(train_emb)
        loss = nn.functional.nll_loss(torch.log(probs + 1e-9), train_y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    head.eval()
    with torch.no_grad():
        probs = head(test_emb)
    confident = probs.max(dim=-1).values > 0.9
    acc = (probs.argmax(-1) == test_y).float().mean().item()
    print(f"accuracy {acc:.3f}, confident on {confident.float().mean().item():.2%}")
    return acc


if __name__ == "__main__":
    data = np.load("embeddings.npz")
    tensors = {k: torch.tensor(v) for k, v in data.items()}
    fit(HeadConfig(), tensors["train_x"].float(), tensors["train_y"].long(), tensors["test_x"].float(),
        tensors["test_y"].long())
