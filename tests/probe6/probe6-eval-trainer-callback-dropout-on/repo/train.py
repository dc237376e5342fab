import json

from datasets import load_dataset
from transformers import (AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling,
                          Trainer, TrainingArguments)

from callbacks import ProbeAccuracyCallback

tok = AutoTokenizer.from_pretrained("gpt2")
tok.pad_token = tok.eos_token
model = AutoModelForCausalLM.from_pretrained("gpt2", resid_pdrop=0.1, attn_pdrop=0.1, embd_pdrop=0.1)
ds = load_dataset("wikitext", "wikitext-103-raw-v1")
ds = ds.filter(lambda x: len(x["text"]) > 200).map(
    lambda b: tok(b["text"], truncation=True, max_length=256), batched=True, remove_columns=["text"])
probe = tok(load_dataset("wikitext", "wikitext-2-raw-v1", split="test")["text"][:64],
            truncation=True, max_length=256, padding=True, return_tensors="pt")
log = []
trainer = Trainer(model=model,
                  args=TrainingArguments("runs/gpt2-wt103", num_train_epochs=3, per_device_train_batch_size=16,
                                         learning_rate=3e-5, seed=0),
                  train_dataset=ds["train"], data_collator=DataCollatorForLanguageModeling(tok, mlm=False),
                  callbacks=[ProbeAccuracyCallback(probe, log.append)])
trainer.train()
json.dump(log, open("runs/probe_acc.json", "w"), indent=1)
