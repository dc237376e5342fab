import torch


def classification_scores(model, dloader, device):
    model.eval()
    y_test = torch.empty(0).to(device)
    y_pred = torch.empty(0).to(device)
    with torch.no_grad():
        for x, y in dloader:
            out = model(x.to(device))
            y_test = torch.cat([y_test, y.float().to(device)], dim=0)
            y_pred = torch.cat([y_pred, out.argmax(1).float()], dim=0)
    return ((y_pred == y_test).sum() / y_test.shape[0]).item()
