import argparse
import hashlib
import json
import os

from openai import OpenAI

CACHE_DIR = "cache"
client = OpenAI()


def cached_completion(prompt: str, model: str) -> str:
    path = os.path.join(CACHE_DIR, hashlib.md5(prompt.encode()).hexdigest() + ".json")
    if os.path.exists(path):
        return json.load(open(path))["text"]
    text = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}]).choices[0].message.content
    os.makedirs(CACHE_DIR, exist_ok=True)
    json.dump({"text": text}, open(path, "w"))
    return text


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="gpt-4o-mini")
    args = ap.parse_args()
    items = [json.loads(l) for l in open("data/test.jsonl")]
    acc = sum(cached_completion(it["q"], args.model).strip() == it["a"] for it in items) / len(items)
    json.dump({"model": args.model, "acc": acc}, open(f"results/{args.model}.json", "w"))
