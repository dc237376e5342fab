import argparse
import json
import re

from anthropic import Anthropic

ANSWER_RE = re.compile(r"ANSWER:\s*(-?[\d,\.]+)")

PROMPT = """Solve the following problem. Think step by step, then end with a line
of the form ANSWER: <number>.

Problem: {problem}"""


def extract(text):
    m = ANSWER_RE.search(text)
    return m.group(1).replace(",", "") if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="claude-3-5-sonnet-20241022")
    ap.add_argument("--data", default="data/test.jsonl")
    ap.add_argument("--out", default="results/cot.json")
    args = ap.parse_args()

    client = Anthropic()
    items = [json.loads(l) for l in open(args.data)]
    correct = 0
    for it in items:
        msg = client.messages.create(
            model=args.model,
            max_tokens=300,
            temperature=0,
            messages=[{"role": "user", "content": PROMPT.format(problem=it["problem"])}],
        )
        pred = extract(msg.content[0].text)
        correct += pred is not None and float(pred) == float(it["answer"])
    acc = correct / len(items)
    print(f"{args.model}: {acc:.3f}")
    json.dump({"model": args.model, "n": len(items), "accuracy": acc}, open(args.out, "w"))


if __name__ == "__main__":
    main()
