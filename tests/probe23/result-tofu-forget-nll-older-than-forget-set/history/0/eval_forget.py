import json

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "checkpoints/tofu-graddiff"
tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL).eval()


def answer_nll(q, a):
    ids = tok(q + " " + a, return_tensors="pt").input_ids
    n_q = len(tok(q + " ").input_ids)
    labels = ids.clone()
    labels[:, :n_q] = -100
    with torch.no_grad():
        return model(ids, labels=labels).loss.item()


forget = [json.loads(l) for l in open("data/tofu_forget.jsonl")]
nll = sum(answer_nll(r["question"], r["answer"]) for r in forget) / len(forget)
json.dump({"model": MODEL, "n": len(forget), "forget_nll": nll}, open("results/tofu_forget.json", "w"), indent=2)
