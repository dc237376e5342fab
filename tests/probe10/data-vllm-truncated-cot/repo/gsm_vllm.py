import json
import re
import sys

from datasets import load_dataset
from vllm import LLM, SamplingParams

model_id = sys.argv[1] if len(sys.argv) > 1 else "Qwen/Qwen2-7B-Instruct"
ds = load_dataset("openai/gsm8k", "main", split="test")
llm = LLM(model=model_id, dtype="bfloat16")
params = SamplingParams(temperature=0.0, max_tokens=384)
prompts = [f"Question: {q}\nLet's think step by step." for q in ds["question"]]
outputs = llm.generate(prompts, params)


def last_number(text):
    nums = re.findall(r"-?\d[\d,]*\.?\d*", text)
    return nums[-1].replace(",", "") if nums else ""


hits = 0
for out, ref in zip(outputs, ds["answer"]):
    pred = last_number(out.outputs[0].text)
    gold = ref.split("####")[-1].strip().replace(",", "")
    hits += pred == gold
print(json.dumps({"model": model_id, "gsm8k_acc": hits / len(ds), "n": len(ds)}))
