import random

HEADER = "Answer each question with the letter of the best option.\n\n"


def format_item(item, with_answer):
    opts = "\n".join(f"({k}) {v}" for k, v in item["options"].items())
    s = f"Question: {item['question']}\n{opts}\nAnswer:"
    return s + (f" {item['label']}\n\n" if with_answer else "")


def build_prompt(item, pool, k=5, seed=0):
    rng = random.Random(seed + item["idx"])
    shots = rng.sample(pool, k)
    return HEADER + "".join(format_item(s, True) for s in shots) + format_item(item, False)
