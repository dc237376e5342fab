import argparse
import json
from concurrent.futures import ThreadPoolExecutor

import openai

client = openai.OpenAI()


def ask(model, prompt):
    try:
        resp = client.chat.completions.create(
            model=model, temperature=0, messages=[{"role": "user", "content": prompt}]
        )
        return resp.choices[0].message.content
    except openai.OpenAIError as err:
        return f"[ERROR] {err}"


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="gpt-4o-mini")
    args = ap.parse_args()
    prompts = [json.loads(l) for l in open("data/xstest_safe.jsonl")]
    with ThreadPoolExecutor(16) as pool:
        replies = list(pool.map(lambda p: ask(args.model, p["prompt"]), prompts))
    with open(f"outputs/{args.model}.jsonl", "w") as fh:
        for p, r in zip(prompts, replies):
            fh.write(json.dumps({**p, "reply": r}) + "\n")
