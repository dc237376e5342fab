"""Score the downloaded batch output against GSM8K gold answers."""
import json
import re

from datasets import load_dataset

gold = {f"gsm8k-{i}": ex["answer"].split("####")[-1].strip().replace(",", "")
        for i, ex in enumerate(load_dataset("openai/gsm8k", "main", split="test"))}


def extract(text):
    if "####" in text:
        text = text.split("####")[-1]
    nums = re.findall(r"-?\d[\d,]*\.?\d*", text)
    return nums[-1].replace(",", "").rstrip(".") if nums else None


correct = total = 0
truncated = []
with open("batch/output.jsonl") as f:
    for line in f:
        rec = json.loads(line)
        body = rec["response"]["body"]
        choice = body["choices"][0]
        if choice["finish_reason"] != "stop":
            truncated.append(rec["custom_id"])
        answer = extract(choice["message"]["content"])
        correct += answer == gold[rec["custom_id"]]
        total += 1
print(f"accuracy {correct / total:.4f} ({correct}/{total}); "
      f"{len(truncated)} responses hit the token limit (counted as answered, see truncated.txt)")
with open("batch/truncated.txt", "w") as f:
    f.write("\n".join(truncated))
