import json
import random

import torch

from histo.data_io import list_patches, load
from histo.model import build_model, evaluate, train_epochs

torch.manual_seed(0)
items = list_patches("data/patches")
random.Random(0).shuffle(items)
cut = int(0.8 * len(items))
train_items, test_items = items[:cut], items[cut:]
model = train_epochs(build_model(), [(load(p), y) for p, y in train_items], epochs=10)
acc = evaluate(model, [(load(p), y) for p, y in test_items])
json.dump({"test_acc": acc, "n_test": len(test_items), "seed": 0}, open("results/histo.json", "w"))
