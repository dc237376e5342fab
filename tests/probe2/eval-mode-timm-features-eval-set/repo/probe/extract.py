import numpy as np
import timm
import torch
from torch.utils.data import DataLoader


def load_backbone(name="vit_base_patch16_224.augreg_in21k", device="cuda"):
    model = timm.create_model(name, pretrained=True, num_classes=0, drop_path_rate=0.1)
    model.eval()
    return model.to(device)


@torch.inference_mode()
def extract_features(model, dataset, device="cuda", batch_size=128):
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=False, num_workers=4)
    feats, labels = [], []
    for images, targets in loader:
        feats.append(model(images.to(device)).cpu().numpy())
        labels.append(targets.numpy())
    return np.concatenate(feats), np.concatenate(labels)
