import numpy as np
import pandas as pd
import torch
from monai.data import DataLoader, Dataset
from monai.networks.nets import DenseNet121
from monai.transforms import Compose, EnsureChannelFirstd, LoadImaged, ScaleIntensityd
from sklearn.model_selection import StratifiedGroupKFold

from train_utils import evaluate, train_one_epoch

torch.manual_seed(0)
df = pd.read_csv("data/slices.csv")          # path, patient_id, label
tf = Compose([LoadImaged(keys="img"), EnsureChannelFirstd(keys="img"), ScaleIntensityd(keys="img")])
items = [{"img": p, "label": l} for p, l in zip(df["path"], df["label"])]

skf = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)
aucs = []
for fold, (tr, va) in enumerate(skf.split(df, df["label"], groups=df["patient_id"])):
    model = DenseNet121(spatial_dims=2, in_channels=1, out_channels=2)
    opt = torch.optim.Adam(model.parameters(), 1e-4)
    tr_dl = DataLoader(Dataset([items[i] for i in tr], tf), batch_size=32, shuffle=True)
    va_dl = DataLoader(Dataset([items[i] for i in va], tf), batch_size=64)
    for epoch in range(20):
        train_one_epoch(model, tr_dl, opt)
    aucs.append(evaluate(model, va_dl))
print(f"AUC {np.mean(aucs):.3f} +- {np.std(aucs):.3f}")
