import lightning as L

from esc.data import ESCDataModule
from esc.model import AudioCNN

SEED = 17

dm = ESCDataModule()
dm.setup("fit")
L.seed_everything(SEED)
model = AudioCNN(num_classes=dm.num_classes)
trainer = L.Trainer(max_epochs=40, deterministic=True)
trainer.fit(model, datamodule=dm)
print(trainer.callback_metrics)
