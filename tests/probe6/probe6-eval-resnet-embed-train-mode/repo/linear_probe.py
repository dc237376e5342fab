import numpy as np
import torch
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms

from sklearn.linear_model import LogisticRegression

tfm = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                          transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
train_ds = torchvision.datasets.Flowers102("data", split="train", transform=tfm, download=True)
test_ds = torchvision.datasets.Flowers102("data", split="test", transform=tfm, download=True)


@torch.no_grad()
def embed(ds, device="cuda"):
    net = torchvision.models.resnet50(weights="IMAGENET1K_V2")
    net.fc = torch.nn.Identity()
    net.to(device)
    feats, ys = [], []
    for x, y in DataLoader(ds, batch_size=128, num_workers=8):
        feats.append(net(x.to(device)).cpu())
        ys.append(y)
    return torch.cat(feats).numpy(), torch.cat(ys).numpy()


Xtr, ytr = embed(train_ds)
Xte, yte = embed(test_ds)
clf = LogisticRegression(max_iter=5000, C=0.5).fit(Xtr, ytr)
print("linear-probe top-1:", (clf.predict(Xte) == yte).mean())
