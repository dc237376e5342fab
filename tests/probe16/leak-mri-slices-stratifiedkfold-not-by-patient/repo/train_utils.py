import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score


def train_one_epoch(model, loader, opt):
    model.train()
    for batch in loader:
        opt.zero_grad()
        loss = F.cross_entropy(model(batch["img"]), batch["label"])
        loss.backward()
        opt.step()


@torch.no_grad()
def evaluate(model, loader):
    model.eval()
    ys, ps = [], []
    for batch in loader:
        ps.append(model(batch["img"]).softmax(-1)[:, 1])
        ys.append(batch["label"])
    return roc_auc_score(torch.cat(ys).numpy(), torch.cat(ps).numpy())
