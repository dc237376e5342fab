"""Build and submit an OpenAI Batch job for GSM8K chain-of-thought."""
import json

from datasets import load_dataset
from openai import OpenAI

MODEL = "gpt-4o-mini-2024-07-18"
SYSTEM = "Solve the problem. Think step by step, then give the final answer after '####'."

ds = load_dataset("openai/gsm8k", "main", split="test")
with open("batch/requests.jsonl", "w") as f:
    for i, ex in enumerate(ds):
        body = {"model": MODEL, "temperature": 0, "max_tokens": 256,
                "messages": [{"role": "system", "content": SYSTEM},
                             {"role": "user", "content": ex["question"]}]}
        f.write(json.dumps({"custom_id": f"gsm8k-{i}", "method": "POST",
                            "url": "/v1/chat/completions", "body": body}) + "\n")

client = OpenAI()
upload = client.files.create(file=open("batch/requests.jsonl", "rb"), purpose="batch")
job = client.batches.create(input_file_id=upload.id, endpoint="/v1/chat/completions",
                            completion_window="24h")
print(job.id)
