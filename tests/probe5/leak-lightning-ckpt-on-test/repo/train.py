import lightning as L
import torch
from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint
from torch.utils.data import DataLoader

from model import TextCNN
from data import load_agnews

L.seed_everything(13, workers=True)

train_ds, test_ds = load_agnews("data/ag_news")
train_loader = DataLoader(train_ds, batch_size=64, shuffle=True, num_workers=4)
test_loader = DataLoader(test_ds, batch_size=256, num_workers=4)

ckpt = ModelCheckpoint(monitor="val_acc", mode="max", save_top_k=1)
trainer = L.Trainer(max_epochs=20, callbacks=[ckpt, EarlyStopping(monitor="val_acc", mode="max", patience=3)])
trainer.fit(TextCNN(vocab_size=50_000, n_classes=4), train_loader, test_loader)
trainer.test(ckpt_path="best", dataloaders=test_loader)
