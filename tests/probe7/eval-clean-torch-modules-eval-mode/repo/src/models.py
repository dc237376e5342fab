import torch
import torch.nn as nn
import torchvision


def load_classifier(ckpt_path: str, num_classes: int = 37) -> nn.Module:
    model = torchvision.models.resnet50(weights=None)
    model.fc = nn.Sequential(nn.Dropout(0.2), nn.Linear(2048, num_classes))
    model.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    return model.eval()
