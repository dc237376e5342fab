"""Zero-shot stance annotation of forum posts with an LLM judge."""
import argparse
from collections import Counter

import pandas as pd
from openai import OpenAI

JUDGE = OpenAI()
INSTRUCTIONS = (
    "You label the stance of a post towards the proposal. Reply with exactly one word: "
    "favour, against or neutral."
)


def stance_of(post: str, model: str) -> str:
    completion = JUDGE.chat.completions.create(
        model=model,
        temperature=0,
        messages=[{"role": "system", "content": INSTRUCTIONS}, {"role": "user", "content": post}],
    )
    return completion.choices[0].message.content.strip().lower()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", default="data/posts.csv")
    parser.add_argument("--model", default="gpt-4o-mini")
    args = parser.parse_args()
    posts = pd.read_csv(args.posts)
    allowed = {"favour", "against", "neutral"}
    stances = [stance_of(p, args.model) for p in posts["body"]]
    stances = [s if s in allowed else "off-format" for s in stances]
    shares = Counter(stances)
    for stance, n in shares.most_common():
        print(f"{stance:>10}: {100 * n / len(stances):.1f}%")


if __name__ == "__main__":
    main()
