import csv
import json

from openai import OpenAI

from .cache import CompletionCache

MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo"]
TEMPERATURES = [0.0, 1.0]


def main():
    client = OpenAI()
    cache = CompletionCache()
    prompts = [json.loads(l)["prompt"] for l in open("data/borderline.jsonl")]
    with open("results/sweep.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["model", "temperature", "prompt_idx", "reply"])
        for model in MODELS:
            for temp in TEMPERATURES:
                for i, p in enumerate(prompts):
                    reply = cache.get_or_call(p, lambda: client.chat.completions.create(
                        model=model, temperature=temp, max_tokens=200,
                        messages=[{"role": "user", "content": p}],
                    ).choices[0].message.content)
                    w.writerow([model, temp, i, reply])


if __name__ == "__main__":
    main()
