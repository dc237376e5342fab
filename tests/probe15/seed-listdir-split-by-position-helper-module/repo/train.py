import torch
import torchvision
import torchvision.transforms as T

from histo.dataset import PatchDataset
from histo.index import slide_split

torch.manual_seed(0)
train_slides, test_slides = slide_split()
tf = T.Compose([T.Resize(224), T.ToTensor()])
train_dl = torch.utils.data.DataLoader(PatchDataset(train_slides, tf), batch_size=64, shuffle=True)
test_dl = torch.utils.data.DataLoader(PatchDataset(test_slides, tf), batch_size=128)
model = torchvision.models.resnet18(num_classes=2)
opt = torch.optim.Adam(model.parameters(), 1e-4)
for ep in range(5):
    model.train()
    for x, y in train_dl:
        loss = torch.nn.functional.cross_entropy(model(x), y)
        opt.zero_grad(); loss.backward(); opt.step()
model.eval()
with torch.no_grad():
    acc = sum((model(x).argmax(1) == y).sum().item() for x, y in test_dl) / len(test_dl.dataset)
print("slide-level test accuracy", acc)
