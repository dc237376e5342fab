import re

import torch
from datasets import load_dataset


@torch.no_grad()
def exact_match_on_gsm8k(model, tok, limit: int = 500):
    ds = load_dataset("openai/gsm8k", "main", split="test").select(range(limit))
    correct = 0
    for row in ds:
        ids = tok(row["question"] + "\nAnswer:", return_tensors="pt").input_ids
        gen = model.generate(ids, max_new_tokens=256, do_sample=False)
        text = tok.decode(gen[0, ids.shape[1]:], skip_special_tokens=True)
        nums = re.findall(r"-?\d+", text)
        correct += bool(nums) and nums[-1] == row["answer"].split("####")[-1].strip()
    return correct, len(ds)
