import lightning as L

from esc.data import ESCDataModule
from esc.model import AudioCNN

SEED = 17

L.seed_everything(SEED)
dm = ESCDataModule()
dm.setup("fit")
model = AudioCNN(num_classes=dm.num_classes)
trainer = L.Trainer(max_epochs=40, deterministic=True)
trainer.fit(model, datamodule=dm)
print(trainer.callback_metrics)
