import pandas as pd
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from intents.labels import label_vocab

vocab = label_vocab()
inv = {i: lab for lab, i in vocab.items()}
tok = AutoTokenizer.from_pretrained("checkpoints/intents")
model = AutoModelForSequenceClassification.from_pretrained("checkpoints/intents").eval()
test = pd.read_csv("data/intents_test.csv")
with torch.no_grad():
    logits = model(**tok(list(test["text"]), padding=True, truncation=True, return_tensors="pt")).logits
test["pred"] = [inv[i] for i in logits.argmax(-1).tolist()]
print("accuracy", (test["pred"] == test["intent"]).mean())
