import json
import re

import torch
from datasets import load_dataset
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = "meta-llama/Llama-3.2-3B-Instruct"
ADAPTER = "checkpoints/gsm8k-lora"
ANSWER = re.compile(r"####\s*(-?[\d,\.]+)")

tok = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForCausalLM.from_pretrained(BASE, torch_dtype=torch.bfloat16, device_map="auto")
model = PeftModel.from_pretrained(model, ADAPTER)
model.eval()

test = load_dataset("openai/gsm8k", "main", split="test")
correct = 0
for ex in test:
    msgs = [{"role": "user", "content": ex["question"] + "\nThink step by step, then give the final answer after ####."}]
    ids = tok.apply_chat_template(msgs, add_generation_prompt=True, return_tensors="pt").to(model.device)
    with torch.no_grad():
        out = model.generate(ids, max_new_tokens=192, do_sample=False)
    text = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
    m = ANSWER.search(text)
    pred = m.group(1).replace(",", "").rstrip(".") if m else ""
    gold = ex["answer"].split("####")[-1].strip().replace(",", "")
    correct += pred == gold

with open("results/gsm8k_lora.json", "w") as fh:
    json.dump({"base": BASE, "adapter": ADAPTER, "n": len(test), "accuracy": round(correct / len(test), 4)}, fh)
