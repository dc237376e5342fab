import json
import re

from datasets import load_dataset
from llama_cpp import Llama

llm = Llama(model_path="models/qwen2.5-7b-instruct-q4_k_m.gguf", n_ctx=4096, seed=0, verbose=False)
NUM = re.compile(r"-?\d[\d,]*\.?\d*")


def last_number(text):
    nums = NUM.findall(text)
    return nums[-1].replace(",", "").rstrip(".") if nums else None


test = load_dataset("openai/gsm8k", "main", split="test")
correct = 0
for row in test:
    prompt = f"Question: {row['question']}\nLet's think step by step.\nAnswer:"
    out = llm.create_completion(prompt, max_tokens=64, temperature=0.0, stop=["Question:"])
    pred = last_number(out["choices"][0]["text"])
    gold = row["answer"].split("####")[-1].strip().replace(",", "")
    correct += pred == gold
with open("results/gsm8k_q4.json", "w") as fh:
    json.dump({"model": "qwen2.5-7b-instruct-q4_k_m", "n": len(test), "accuracy": correct / len(test)}, fh, indent=2)
