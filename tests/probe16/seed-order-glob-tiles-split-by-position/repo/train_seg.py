import rasterio
import segmentation_models_pytorch as smp
import torch
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class Tiles(Dataset):
    def __init__(self, split):
        self.names = open(f"splits/{split}.txt").read().split()

    def __len__(self):
        return len(self.names)

    def __getitem__(self, i):
        with rasterio.open(f"data/tiles/{self.names[i]}") as src:
            img = torch.from_numpy(src.read().astype("float32") / 10000.0)
        with rasterio.open(f"data/masks/{self.names[i]}") as src:
            mask = torch.from_numpy(src.read(1).astype("int64"))
        return img, mask


model = smp.Unet("resnet34", in_channels=4, classes=9)
loader = DataLoader(Tiles("train"), batch_size=16, shuffle=True)
