import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

BASE = "Qwen/Qwen2.5-1.5B"
tok = AutoTokenizer.from_pretrained(BASE)
tok.pad_token = tok.eos_token

ds = load_dataset("tatsu-lab/alpaca", split="train")
idx = torch.randperm(len(ds))[:2000].tolist()
ds = ds.select(idx)
ds = ds.map(lambda ex: tok(ex["text"], truncation=True, max_length=512), remove_columns=ds.column_names)

model = AutoModelForCausalLM.from_pretrained(BASE, torch_dtype=torch.bfloat16)
model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, lora_dropout=0.05, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"))
args = TrainingArguments(output_dir="checkpoints/alpaca-2k-lora", seed=42, per_device_train_batch_size=8,
                         num_train_epochs=3, learning_rate=2e-4, bf16=True, logging_steps=20)
Trainer(model=model, args=args, train_dataset=ds, data_collator=DataCollatorForLanguageModeling(tok, mlm=False)).train()
model.save_pretrained("checkpoints/alpaca-2k-lora/final")
