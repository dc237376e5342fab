import torch
from sklearn.linear_model import LogisticRegression
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from features import extract, load_backbone

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                         transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
train_ds = datasets.ImageFolder("data/plants/train", tf)
test_ds = datasets.ImageFolder("data/plants/test", tf)
net = load_backbone(device)
X_tr, y_tr = extract(net, DataLoader(train_ds, batch_size=64), device)
X_te, y_te = extract(net, DataLoader(test_ds, batch_size=64), device)
clf = LogisticRegression(max_iter=2000).fit(X_tr, y_tr)
print(f"linear probe test accuracy: {clf.score(X_te, y_te):.4f}")
