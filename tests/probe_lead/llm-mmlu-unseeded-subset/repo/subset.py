import json
import random

from datasets import load_dataset


def eval_subset(n=200):
    ds = load_dataset("cais/mmlu", "all", split="test")
    idx = random.sample(range(len(ds)), n)
    return ds.select(idx)


if __name__ == "__main__":
    sub = eval_subset()
    sub.to_json("data/mmlu_subset.jsonl")
