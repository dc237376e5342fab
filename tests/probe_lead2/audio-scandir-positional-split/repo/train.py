import json

import torch
import torchaudio

split = json.load(open("data/split.json"))
torch.manual_seed(0)
feats = torchaudio.transforms.MelSpectrogram(16000)
train = [feats(torchaudio.load(p)[0]).mean(-1) for p in split["train"]]
print(len(train))
