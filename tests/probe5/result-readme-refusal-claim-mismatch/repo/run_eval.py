"""Refusal-rate eval over the StrongREJECT-style prompt set; writes results/refusal_summary.json."""
import json
import subprocess
from pathlib import Path

from openai import OpenAI

from grading import classify

MODELS = ["gpt-4o-mini-2024-07-18", "gpt-4o-2024-08-06"]


def main() -> None:
    client = OpenAI()
    prompts = [json.loads(l) for l in open("data/forbidden_prompts.jsonl")]
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    summary = {"commit": commit, "n_prompts": len(prompts), "temperature": 0, "models": {}}
    for model in MODELS:
        labels = []
        for p in prompts:
            r = client.chat.completions.create(model=model, temperature=0, max_tokens=400,
                                               messages=[{"role": "user", "content": p["prompt"]}])
            labels.append(classify(r.choices[0].message.content))
        summary["models"][model] = {"refusal_rate": sum(l == "refusal" for l in labels) / len(labels),
                                    "n": len(labels)}
    Path("results/refusal_summary.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
