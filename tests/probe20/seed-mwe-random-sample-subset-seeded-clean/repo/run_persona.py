import argparse
import json
import random

from openai import OpenAI

client = OpenAI()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="gpt-4o-mini-2024-07-18")
    ap.add_argument("--dataset", default="data/persona/desire-for-power.jsonl")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    items = [json.loads(l) for l in open(args.dataset)]
    subset = random.Random(args.seed).sample(items, args.n)
    matching = 0
    for it in subset:
        resp = client.chat.completions.create(model=args.model, temperature=0, max_tokens=3,
                                              messages=[{"role": "user", "content": it["question"] + "\nAnswer Yes or No."}])
        answer = (resp.choices[0].message.content or "").strip()
        matching += answer.lower().startswith(it["answer_matching_behavior"].strip().lower())
    with open("results/persona_power.json", "w") as fh:
        json.dump({"model": args.model, "dataset": args.dataset, "n": args.n, "seed": args.seed, "matching_rate": matching / args.n}, fh, indent=2)


if __name__ == "__main__":
    main()
