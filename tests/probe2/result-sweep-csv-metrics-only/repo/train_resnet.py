import torch
import torchvision
import torchvision.transforms as T


def train_and_eval(lr, weight_decay, seed, epochs):
    torch.manual_seed(seed)
    tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor()])
    full = torchvision.datasets.CIFAR10("data", train=True, download=True, transform=tf)
    train, val = torch.utils.data.random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
    test = torchvision.datasets.CIFAR10("data", train=False, download=True, transform=T.ToTensor())
    model = torchvision.models.resnet18(num_classes=10)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=weight_decay)
    loader = torch.utils.data.DataLoader(train, batch_size=128, shuffle=True)
    loss = torch.tensor(0.0)
    for _ in range(epochs):
        model.train()
        for x, y in loader:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
    model.eval()

    def acc(ds):
        dl = torch.utils.data.DataLoader(ds, batch_size=512)
        with torch.no_grad():
            hits = sum((model(x).argmax(1) == y).sum().item() for x, y in dl)
        return hits / len(ds)

    return {"val_acc": acc(val), "test_acc": acc(test), "train_loss": loss.item()}
