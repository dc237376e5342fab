import torch
import torch.nn as nn
import torchvision
import wandb
from torch.utils.data import DataLoader, random_split
from torchvision import transforms

tf = transforms.ToTensor()
full_train = torchvision.datasets.FashionMNIST("data", train=True, download=True, transform=tf)
test_set = torchvision.datasets.FashionMNIST("data", train=False, download=True, transform=tf)
train_set, val_set = random_split(full_train, [50000, 10000], generator=torch.Generator().manual_seed(0))

sweep_config = {
    "method": "bayes",
    "metric": {"name": "val/accuracy", "goal": "maximize"},
    "parameters": {
        "lr": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e-1},
        "hidden": {"values": [128, 256, 512]},
        "dropout": {"values": [0.0, 0.2, 0.5]},
    },
}


@torch.no_grad()
def accuracy(model, loader):
    model.eval()
    hits = sum((model(x).argmax(1) == y).sum().item() for x, y in loader)
    model.train()
    return hits / len(loader.dataset)


def train():
    with wandb.init() as run:
        cfg = run.config
        torch.manual_seed(0)
        model = nn.Sequential(nn.Flatten(), nn.Linear(784, cfg.hidden), nn.ReLU(), nn.Dropout(cfg.dropout), nn.Linear(cfg.hidden, 10))
        opt = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=0.9)
        train_loader = DataLoader(train_set, batch_size=128, shuffle=True, generator=torch.Generator().manual_seed(0))
        val_loader = DataLoader(val_set, batch_size=512)
        for epoch in range(8):
            for x, y in train_loader:
                opt.zero_grad()
                nn.functional.cross_entropy(model(x), y).backward()
                opt.step()
            wandb.log({"epoch": epoch, "val/accuracy": accuracy(model, val_loader)})


if __name__ == "__main__":
    sweep_id = wandb.sweep(sweep_config, project="fmnist-mlp")
    wandb.agent(sweep_id, function=train, count=40)
