import argparse
import json

from openai import OpenAI

PROMPTS = {
    "direct": "Answer with the letter only.\n\n{q}",
    "cot": "Think step by step, then give the letter on the last line as 'Answer: X'.\n\n{q}",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--prompt", choices=list(PROMPTS), required=True)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    client = OpenAI()
    items = [json.loads(l) for l in open("data/arc_challenge_by_difficulty.jsonl")][: args.limit]
    correct = 0
    for it in items:
        r = client.chat.completions.create(model=args.model, temperature=0,
                                           messages=[{"role": "user", "content": PROMPTS[args.prompt].format(q=it["question"])}])
        correct += r.choices[0].message.content.strip()[-1:] == it["answer"]
    json.dump({"model": args.model, "prompt": args.prompt, "n": len(items), "accuracy": correct / len(items)}, open(args.out, "w"))


if __name__ == "__main__":
    main()
