import argparse
import json
import re

import anthropic
from datasets import load_dataset

ANSWER_RE = re.compile(r"The answer is\s*\$?(-?[\d,]+(?:\.\d+)?)")


def extract(text: str):
    m = ANSWER_RE.search(text)
    return m.group(1).replace(",", "") if m else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="claude-3-haiku-20240307")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--max-tokens", type=int, default=256)
    args = ap.parse_args()

    client = anthropic.Anthropic()
    ds = load_dataset("gsm8k", "main", split="test").select(range(args.n))
    correct, records = 0, []
    for ex in ds:
        msg = client.messages.create(
            model=args.model, max_tokens=args.max_tokens, temperature=0,
            messages=[{"role": "user", "content": ex["question"]
                       + "\nThink step by step, then finish with 'The answer is N'."}],
        )
        text = msg.content[0].text
        pred = extract(text)
        gold = ex["answer"].split("####")[-1].strip().replace(",", "")
        correct += int(pred == gold)
        records.append({"question": ex["question"], "completion": text, "pred": pred, "gold": gold})
    print(f"{args.model} accuracy {correct / len(ds):.3f} (n={len(ds)})")
    with open(f"transcripts_{args.model}.jsonl", "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
