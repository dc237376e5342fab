import json
import re
import sys

from datasets import load_dataset
from vllm import LLM, SamplingParams

model_id = sys.argv[1] if len(sys.argv) > 1 else "Qwen/Qwen2-7B-Instruct"
ds = load_dataset("openai/gsm8k", "main", split="test")
llm = LLM(model=model_id, dtype="bfloat16")
params = SamplingParams(temperature=0.0, max_tokens=1024)
prompts = [f"Question: {q}\nLet's think step by step." for q in ds["question"]]
outputs = llm.generate(prompts, params)


def last_number(text):
    nums = re.findall(r"-?\d[\d,]*\.?\d*", text)
    return nums[-1].replace(",", "") if nums else None


hits, truncated, unparsed = 0, 0, 0
for out, ref in zip(outputs, ds["answer"]):
    completion = out.outputs[0]
    if completion.finish_reason == "length":
        truncated += 1
        continue
    pred = last_number(completion.text)
    if pred is None:
        unparsed += 1
        continue
    gold = ref.split("####")[-1].strip().replace(",", "")
    hits += pred == gold
print(json.dumps({"model": model_id, "gsm8k_acc": hits / len(ds), "n": len(ds),
                  "truncated": truncated, "unparsed": unparsed}))
