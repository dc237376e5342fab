import argparse
import json
import os

from openai import OpenAI

ap = argparse.ArgumentParser()
ap.add_argument("--model", default="gpt-4o-mini")
ap.add_argument("--dataset", default="truthfulqa")
args = ap.parse_args()

client = OpenAI()
cache_path = f"cache/{args.dataset}_{args.model}.json"
cache = json.load(open(cache_path)) if os.path.exists(cache_path) else {}


def ask(prompt: str) -> str:
    if prompt in cache:
        return cache[prompt]
    r = client.chat.completions.create(model=args.model, temperature=0, messages=[{"role": "user", "content": prompt}])
    cache[prompt] = r.choices[0].message.content
    return cache[prompt]


items = [json.loads(l) for l in open(f"data/{args.dataset}.jsonl")]
acc = sum(ask(it["prompt"]).strip().startswith(it["answer"]) for it in items) / len(items)
json.dump(cache, open(cache_path, "w"))
json.dump({"model": args.model, "acc": acc}, open(f"results/{args.dataset}_{args.model}.json", "w"))
