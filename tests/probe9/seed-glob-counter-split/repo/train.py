import torch
from torchvision import datasets, models, transforms

torch.manual_seed(0)
tf = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])
train = datasets.ImageFolder("data/train", tf)
test = datasets.ImageFolder("data/test", tf)
model = models.resnet18(num_classes=len(train.classes))
opt = torch.optim.Adam(model.parameters(), 1e-3)
loader = torch.utils.data.DataLoader(train, batch_size=32, shuffle=True)
for epoch in range(5):
    model.train()
    for x, y in loader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
model.eval()
with torch.no_grad():
    correct = sum((model(x).argmax(1) == y).sum().item() for x, y in torch.utils.data.DataLoader(test, batch_size=64))
print("test acc", correct / len(test))
