import json
import re

from transformers import pipeline

gen = pipeline("text-generation", model="Qwen/Qwen2.5-1.5B-Instruct", device_map="auto")
rows = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
correct = 0
for r in rows:
    out = gen(f"Question: {r['question']}\nLet's think step by step.", max_new_tokens=1024, do_sample=False,
              return_full_text=False)[0]["generated_text"]
    nums = re.findall(r"-?\d+(?:\.\d+)?", out.replace(",", ""))
    correct += bool(nums) and nums[-1] == r["answer"].split("####")[-1].strip()
json.dump({"gsm8k_acc": correct / len(rows)}, open("results/gsm8k_qwen.json", "w"))
