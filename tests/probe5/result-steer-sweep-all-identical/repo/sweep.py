import csv

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from hooks import add_direction
from judge import is_refusal

MODEL = "google/gemma-2-2b-it"
tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16, device_map="auto")
direction = torch.load("directions/refusal_l12.pt")
prompts = [l.strip() for l in open("data/harmful_val.txt")]

with open("results/alpha_sweep.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["model", "layer", "alpha", "n", "refusal_rate", "mean_len"])
    for alpha in [0.0, -2.0, -4.0, -8.0, -16.0]:
        refusals, lengths = 0, 0
        with add_direction(model, layer=12, vec=direction, alpha=alpha):
            for p in prompts:
                ids = tok.apply_chat_template([{"role": "user", "content": p}], add_generation_prompt=True, return_tensors="pt").to(model.device)
                out = model.generate(ids, max_new_tokens=64, do_sample=False)
                text = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
                refusals += is_refusal(text)
                lengths += len(text)
        w.writerow([MODEL, 12, alpha, len(prompts), refusals / len(prompts), lengths / len(prompts)])
