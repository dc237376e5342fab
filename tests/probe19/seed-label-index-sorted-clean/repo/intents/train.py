import pandas as pd
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from intents.labels import label_vocab

torch.manual_seed(0)
vocab = label_vocab()
df = pd.read_csv("data/intents_train.csv")
tok = AutoTokenizer.from_pretrained("roberta-base")
model = AutoModelForSequenceClassification.from_pretrained("roberta-base", num_labels=len(vocab))
opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
model.train()
for epoch in range(3):
    for i in range(0, len(df), 32):
        chunk = df.iloc[i:i + 32]
        enc = tok(list(chunk["text"]), padding=True, truncation=True, return_tensors="pt")
        out = model(**enc, labels=torch.tensor([vocab[x] for x in chunk["intent"]]))
        out.loss.backward()
        opt.step()
        opt.zero_grad()
model.save_pretrained("checkpoints/intents")
tok.save_pretrained("checkpoints/intents")
