import torch
from torch.utils.data import DataLoader

from kws.data import ClipDataset, pad_collate
from kws.model import KWSNet

LABELS = [l.strip() for l in open("data/labels.txt")]
test = DataLoader(ClipDataset("data/test.tsv", LABELS), batch_size=64, collate_fn=pad_collate)
model = KWSNet(n_classes=len(LABELS))
model.load_state_dict(torch.load("checkpoints/kws.pt", map_location="cpu"))
model.eval()
correct = total = 0
with torch.no_grad():
    for x, y in test:
        correct += (model(x).argmax(-1) == y).sum().item()
        total += len(y)
print(f"test accuracy {correct / total:.4f} over {total} clips")
