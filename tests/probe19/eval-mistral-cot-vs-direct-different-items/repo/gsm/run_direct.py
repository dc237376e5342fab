import json

from datasets import load_dataset

from gsm.common import ask, gold, last_number

ds = load_dataset("openai/gsm8k", "main", split="test").select(range(300))
acc = sum(last_number(ask(f"{ex['question']}\nAnswer with a number only.")) == gold(ex["answer"]) for ex in ds) / len(ds)
json.dump({"condition": "direct", "n": len(ds), "accuracy": acc}, open("results/direct.json", "w"))
