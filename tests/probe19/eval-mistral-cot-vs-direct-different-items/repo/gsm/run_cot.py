import json

from datasets import load_dataset

from gsm.common import ask, gold, last_number

ds = load_dataset("openai/gsm8k", "main", split="test").shuffle(seed=0).select(range(300))
acc = sum(last_number(ask(f"{ex['question']}\nLet's think step by step, then give the final number.")) == gold(ex["answer"]) for ex in ds) / len(ds)
json.dump({"condition": "cot", "n": len(ds), "accuracy": acc}, open("results/cot.json", "w"))
