import torch
from torch.utils.data import DataLoader

from ser.data import splits
from ser.model import CRNN, fit, test_accuracy

torch.manual_seed(0)
train_ds, test_ds = splits("data/wav")
model = CRNN(n_classes=4)
fit(model, DataLoader(train_ds, batch_size=32, shuffle=True), epochs=30)
print("test UA", test_accuracy(model, DataLoader(test_ds, batch_size=64)))
