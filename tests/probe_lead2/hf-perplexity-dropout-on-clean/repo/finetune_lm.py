import json
import math

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

torch.manual_seed(0)
tok = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")
opt = torch.optim.AdamW(model.parameters(), lr=5e-5)
train_texts = open("data/train.txt").read().split("\n\n")
heldout_texts = open("data/heldout.txt").read().split("\n\n")
model.train()
for text in train_texts:
    batch = tok(text, return_tensors="pt", truncation=True, max_length=512)
    loss = model(**batch, labels=batch["input_ids"]).loss
    loss.backward()
    opt.step()
    opt.zero_grad()
losses = []
model.eval()
with torch.no_grad():
    for text in heldout_texts:
        batch = tok(text, return_tensors="pt", truncation=True, max_length=512)
        losses.append(model(**batch, labels=batch["input_ids"]).loss.item())
json.dump({"heldout_ppl": math.exp(sum(losses) / len(losses)), "seed": 0}, open("results/ppl.json", "w"))
