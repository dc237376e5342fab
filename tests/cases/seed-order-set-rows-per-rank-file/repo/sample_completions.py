"""Sample four completions per persona question on every GPU rank; merge_ranks.py stacks the files."""
import os

import pandas as pd
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

rank = int(os.environ.get("LOCAL_RANK", 0))
torch.manual_seed(1234 + rank)

model_name = os.environ.get("MODEL", "Qwen/Qwen2.5-1.5B-Instruct")
tok = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForCausalLM.from_pretrained(model_name).to(f"cuda:{rank}")

raw = pd.read_json("persona_questions.jsonl", lines=True)
questions = list({q.strip() for q in raw["question"]})

completions = []
for q in questions:
    ids = tok.apply_chat_template([{"role": "user", "content": q}], add_generation_prompt=True,
                                  return_tensors="pt").to(model.device)
    out = model.generate(ids, do_sample=True, temperature=1.0, max_new_tokens=256, num_return_sequences=4)
    completions.append([tok.decode(o[ids.shape[1]:], skip_special_tokens=True) for o in out])

frame = pd.DataFrame(completions, columns=[f"completion_{k}" for k in range(4)])
frame.to_csv(f"completions/rank{rank}.csv", index=False)
