import lightning as L
from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint
from torch.utils.data import DataLoader

from esc.data import SpectrogramFolds
from esc.model import SpecCNN

L.seed_everything(0, workers=True)
train_set = SpectrogramFolds("data/esc50", folds=[1, 2, 3, 4])
test_set = SpectrogramFolds("data/esc50", folds=[5])
train_loader = DataLoader(train_set, batch_size=32, shuffle=True, num_workers=4)
test_loader = DataLoader(test_set, batch_size=64, num_workers=4)

checkpoint = ModelCheckpoint(monitor="val_acc", mode="max", save_top_k=1)
trainer = L.Trainer(
    max_epochs=60,
    deterministic=True,
    callbacks=[checkpoint, EarlyStopping(monitor="val_acc", mode="max", patience=8)],
)
trainer.fit(SpecCNN(), train_dataloaders=train_loader, val_dataloaders=test_loader)
trainer.test(dataloaders=test_loader, ckpt_path="best")
