import json

import torch
import torchaudio
from torch.utils.data import DataLoader

from asr.data import LibriSubset, collate
from asr.sampler import BucketBatchSampler

bundle = torchaudio.pipelines.WAV2VEC2_BASE
model = bundle.get_model()
head = torch.nn.Linear(768, 32)
train = LibriSubset("data/train-clean-100-subset.tsv")
loader = DataLoader(train, batch_sampler=BucketBatchSampler(train.lengths(), 8), collate_fn=collate)
opt = torch.optim.AdamW(list(model.parameters()) + list(head.parameters()), lr=5e-5)
ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
for epoch in range(3):
    model.train()
    for wav, wav_len, tgt, tgt_len in loader:
        feats, feat_len = model(wav, wav_len)
        logp = head(feats).log_softmax(-1).transpose(0, 1)
        loss = ctc(logp, tgt, feat_len, tgt_len)
        opt.zero_grad()
        loss.backward()
        opt.step()
torch.save({"model": model.state_dict(), "head": head.state_dict()}, "checkpoints/ctc.pt")
