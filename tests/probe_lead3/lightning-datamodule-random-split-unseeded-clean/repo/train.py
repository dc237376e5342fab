import json

import lightning as L

from datamodule import FlowersDM
from model import SmallCNN

L.seed_everything(42, workers=True)
dm = FlowersDM()
model = SmallCNN(num_classes=102)
trainer = L.Trainer(max_epochs=30, deterministic=True)
trainer.fit(model, datamodule=dm)
metrics = trainer.test(model, datamodule=dm)[0]
json.dump(metrics, open("results/flowers.json", "w"))
