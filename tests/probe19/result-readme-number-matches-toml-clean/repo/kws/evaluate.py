import tomli_w
import torch

from kws.data import test_loader
from kws.model import KWSNet

model = KWSNet()
model.load_state_dict(torch.load("checkpoints/kws_best.pt", map_location="cpu"))
model.eval()
correct = total = 0
with torch.no_grad():
    for x, y in test_loader():
        correct += (model(x).argmax(1) == y).sum().item()
        total += len(y)
with open("results/eval.toml", "wb") as fh:
    tomli_w.dump({"split": "test", "n": total, "accuracy": round(correct / total, 4), "checkpoint": "checkpoints/kws_best.pt"}, fh)
