import lightning as L
from lightning.pytorch.callbacks import ModelCheckpoint

from litmnist.data import FashionDataModule
from litmnist.model import SmallCNN

dm = FashionDataModule()
model = SmallCNN(lr=1e-3)
ckpt = ModelCheckpoint(monitor="val_acc", mode="max")
trainer = L.Trainer(max_epochs=15, callbacks=[ckpt], deterministic=True)
trainer.fit(model, dm)
trainer.test(model, dm, ckpt_path="best")
