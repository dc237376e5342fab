import json

import numpy as np
from datasets import load_dataset
from vllm import LLM, SamplingParams

ds = load_dataset("openai/gsm8k", "main", split="test")
rng = np.random.default_rng(20240601)
idx = rng.choice(len(ds), size=250, replace=False)
subset = ds.select(idx.tolist())
llm = LLM(model="Qwen/Qwen2.5-1.5B-Instruct")
outs = llm.generate([q for q in subset["question"]], SamplingParams(temperature=0.0, max_tokens=512))
answers = [o.outputs[0].text.split("####")[-1].strip() for o in outs]
gold = [a.split("####")[-1].strip() for a in subset["answer"]]
acc = sum(a == g for a, g in zip(answers, gold)) / len(gold)
json.dump({"accuracy": acc, "n": len(gold)}, open("results/gsm8k_subset.json", "w"))
