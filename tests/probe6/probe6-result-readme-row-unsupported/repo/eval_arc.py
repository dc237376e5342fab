import json
import sys

import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

name = sys.argv[1]
tok = AutoTokenizer.from_pretrained(name)
model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.bfloat16, device_map="auto").eval()
ds = load_dataset("allenai/ai2_arc", "ARC-Challenge", split="test")


@torch.inference_mode()
def choice_logprob(prompt, choice):
    ids = tok(prompt + " " + choice, return_tensors="pt").input_ids.to(model.device)
    n_prompt = len(tok(prompt).input_ids)
    logp = model(ids).logits[0, :-1].log_softmax(-1)
    tgt = ids[0, 1:]
    return logp[n_prompt - 1:].gather(-1, tgt[n_prompt - 1:, None]).sum().item()


correct = 0
for ex in ds:
    prompt = f"Question: {ex['question']}\nAnswer:"
    scores = [choice_logprob(prompt, c) for c in ex["choices"]["text"]]
    correct += ex["choices"]["label"][max(range(len(scores)), key=scores.__getitem__)] == ex["answerKey"]
res = {"model": name, "task": "arc_challenge", "acc": correct / len(ds), "n": len(ds)}
print(res)
with open("results/arc_challenge.jsonl", "a") as f:
    f.write(json.dumps(res) + "\n")
