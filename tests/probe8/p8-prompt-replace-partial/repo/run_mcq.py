import argparse
import json

import anthropic

from templates import MCQ_TEMPLATE

LETTERS = "ABCD"


def render(item):
    choices = "\n".join(f"{L}. {c}" for L, c in zip(LETTERS, item["choices"]))
    return MCQ_TEMPLATE.replace("{question}", item["question"]).replace("{choices}", choices)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="claude-3-5-haiku-20241022")
    args = ap.parse_args()
    client = anthropic.Anthropic()
    items = [json.loads(l) for l in open("data/mmlu_subset.jsonl")]
    correct = 0
    for it in items:
        msg = client.messages.create(model=args.model, max_tokens=5, temperature=0,
                                     messages=[{"role": "user", "content": render(it)}])
        correct += msg.content[0].text.strip()[:1] == LETTERS[it["answer"]]
    print(f"{args.model}: {correct / len(items):.3f} (n={len(items)})")


if __name__ == "__main__":
    main()
