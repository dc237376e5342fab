import functools
import json
import sys

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-3-5-haiku-latest"


@functools.lru_cache(maxsize=None)
def ask(prompt):
    return client.messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": prompt}]).content[0].text


def evaluate(items):
    return sum(ask(it["q"]).strip() == it["a"] for it in items) / len(items)


if __name__ == "__main__":
    items = [json.loads(l) for l in open("data/test.jsonl")]
    for MODEL in ["claude-3-5-haiku-latest", "claude-sonnet-4-5"]:
        print(MODEL, evaluate(items))
