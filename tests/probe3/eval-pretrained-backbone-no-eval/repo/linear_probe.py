import numpy as np
import torch
import torchvision
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from torch.utils.data import DataLoader
from torchvision.models import ResNet50_Weights

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
weights = ResNet50_Weights.IMAGENET1K_V2
backbone = torchvision.models.resnet50(weights=weights)
backbone.fc = torch.nn.Identity()
backbone.to(device)


@torch.no_grad()
def embed(loader):
    feats, labels = [], []
    for x, y in loader:
        feats.append(backbone(x.to(device)).cpu())
        labels.append(y)
    return torch.cat(feats).numpy(), torch.cat(labels).numpy()


tf = weights.transforms()
train_set = torchvision.datasets.CIFAR10("data", train=True, download=True, transform=tf)
test_set = torchvision.datasets.CIFAR10("data", train=False, download=True, transform=tf)
X_tr, y_tr = embed(DataLoader(train_set, batch_size=16, shuffle=False, num_workers=4))
X_te, y_te = embed(DataLoader(test_set, batch_size=16, shuffle=False, num_workers=4))
probe = LogisticRegression(max_iter=2000, C=0.5).fit(X_tr, y_tr)
print("linear probe accuracy", accuracy_score(y_te, probe.predict(X_te)))
np.save("outputs/probe_coef.npy", probe.coef_)
