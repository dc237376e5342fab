import numpy as np
import timm
import torch
from sklearn.linear_model import LogisticRegression
from torch.utils.data import DataLoader
from torchvision import datasets

torch.manual_seed(0)


def embed(backbone, dataset):
    loader = DataLoader(dataset, batch_size=256, num_workers=4)
    chunks, labels = [], []
    with torch.no_grad():
        for images, y in loader:
            chunks.append(backbone(images.cuda()).cpu())
            labels.append(y)
    return torch.cat(chunks).numpy(), torch.cat(labels).numpy()


def main():
    backbone = timm.create_model("resnet50.a1_in1k", pretrained=True, num_classes=0).cuda()

    cfg = timm.data.resolve_data_config({}, model=backbone)
    tf = timm.data.create_transform(**cfg)
    train = datasets.CIFAR100("data", train=True, transform=tf, download=True)
    test = datasets.CIFAR100("data", train=False, transform=tf, download=True)
    Xtr, ytr = embed(backbone, train)
    Xte, yte = embed(backbone, test)
    clf = LogisticRegression(max_iter=2000).fit(Xtr, ytr)
    print("linear probe acc", clf.score(Xte, yte))


if __name__ == "__main__":
    main()
