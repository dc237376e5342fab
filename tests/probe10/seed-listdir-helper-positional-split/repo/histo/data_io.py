import os

from PIL import Image


def list_patches(root):
    out = []
    for cls in ("benign", "malignant"):
        folder = os.path.join(root, cls)
        for name in os.listdir(folder):
            if name.endswith(".png"):
                out.append((os.path.join(folder, name), int(cls == "malignant")))
    return out


def load(path):
    return Image.open(path).convert("RGB")
