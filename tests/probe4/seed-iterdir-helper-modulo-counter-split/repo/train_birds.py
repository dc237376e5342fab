import json

import torch
from torch import nn

from birds.audio_io import list_clips, load_clip

torch.manual_seed(0)
labels = json.load(open("data/xeno_canto_labels.json"))
train_items, val_items = [], []
counter = 0
for clip in list_clips("data/xeno_canto_clips"):
    item = (clip, labels[clip.stem])
    if counter % 5 == 0:
        val_items.append(item)
    else:
        train_items.append(item)
    counter += 1

mel = torch.nn.Sequential(__import__("torchaudio").transforms.MelSpectrogram(32000, n_mels=64))
net = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 50))
opt = torch.optim.Adam(net.parameters(), 1e-3)
for clip, y in train_items:
    x = mel(load_clip(clip))[None, None]
    loss = nn.functional.cross_entropy(net(x), torch.tensor([y]))
    opt.zero_grad(); loss.backward(); opt.step()
net.eval()
with torch.no_grad():
    acc = sum(int(net(mel(load_clip(c))[None, None]).argmax() == y) for c, y in val_items) / len(val_items)
print(f"val acc {acc:.3f} on {len(val_items)} clips")
