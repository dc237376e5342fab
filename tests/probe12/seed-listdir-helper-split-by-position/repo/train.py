import torch
from monai.losses import DiceLoss
from monai.networks.nets import UNet
from torch.utils.data import DataLoader

from dataset import CTDataset, split_cases

torch.manual_seed(0)
train_names, test_names = split_cases()
g = torch.Generator().manual_seed(0)
train_dl = DataLoader(CTDataset(train_names), batch_size=2, shuffle=True, generator=g)
net = UNet(3, 1, 3, channels=(16, 32, 64, 128), strides=(2, 2, 2))
opt = torch.optim.Adam(net.parameters(), 1e-4)
loss_fn = DiceLoss(to_onehot_y=True, softmax=True)
for epoch in range(100):
    for img, lab in train_dl:
        opt.zero_grad()
        loss_fn(net(img), lab[:, None]).backward()
        opt.step()
torch.save({"state": net.state_dict(), "test": test_names}, "checkpoints/unet.pt")
