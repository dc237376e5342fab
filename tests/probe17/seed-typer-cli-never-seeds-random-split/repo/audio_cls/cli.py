import json

import torch
import typer

from audio_cls.data import loaders

app = typer.Typer()


def make_model(n_classes):
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
        torch.nn.Flatten(), torch.nn.Linear(64, n_classes))


@app.command()
def train(data: str = "data/crops.pt", epochs: int = 20, lr: float = 1e-3, out: str = "results/cnn.json"):
    train_dl, val_dl = loaders(data)
    model = make_model(10)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(epochs):
        model.train()
        for x, y in train_dl:
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        correct = sum((model(x).argmax(1) == y).sum().item() for x, y in val_dl)
    acc = correct / len(val_dl.dataset)
    json.dump({"epochs": epochs, "lr": lr, "val_acc": acc}, open(out, "w"))
    typer.echo(f"val acc {acc:.4f}")


if __name__ == "__main__":
    app()
