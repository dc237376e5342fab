import torch
from ogb.graphproppred import Evaluator


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    preds, labels = [], []
    for batch in loader:
        batch = batch.to(device)
        preds.append(model(batch).cpu())
        labels.append(batch.y.view(-1, 1).cpu())
    y_score = torch.cat(preds).numpy()
    y_lab = torch.cat(labels).numpy()
    return Evaluator(name="ogbg-molhiv").eval({"y_true": y_score, "y_pred": y_lab})["rocauc"]
