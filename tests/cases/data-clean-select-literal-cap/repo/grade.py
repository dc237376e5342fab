"""Grade saved MBPP completions: python grade.py completions.jsonl [--limit N]."""
import argparse
import json

from datasets import load_dataset
from evaluate import load

parser = argparse.ArgumentParser()
parser.add_argument("completions")
parser.add_argument("--limit", type=int, default=None)
args = parser.parse_args()

with open(args.completions) as fh:
    completions = [json.loads(line)["code"] for line in fh]
if args.limit:
    completions = completions[: args.limit]

problems = load_dataset("mbpp", split="test").select(range(200))
tests = ["\n".join(p["test_list"]) for p in problems]
pass_at_k, _ = load("code_eval").compute(predictions=[[c] for c in completions], references=tests, k=[1])
print(json.dumps({"n": len(completions), **pass_at_k}))
