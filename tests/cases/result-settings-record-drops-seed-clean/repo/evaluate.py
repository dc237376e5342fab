"""Few-shot evaluation of a chat model on a multiple-choice set; writes results/<model>.json."""
import argparse
import json
import random
from pathlib import Path

from anthropic import Anthropic

LETTERS = "ABCD"


def format_item(item, with_answer):
    options = "\n".join(f"{LETTERS[i]}. {o}" for i, o in enumerate(item["options"]))
    answer = f" {item['answer']}" if with_answer else ""
    return f"{item['question']}\n{options}\nAnswer:{answer}"


def evaluate(model, items, pool, n_shots=5, temperature=0.0, max_tokens=4, shot_seed=0):
    client = Anthropic()
    rng = random.Random(shot_seed)
    correct = 0
    for item in items:
        shots = rng.sample(pool, n_shots)
        prompt = "\n\n".join([format_item(s, True) for s in shots] + [format_item(item, False)])
        reply = client.messages.create(model=model, max_tokens=max_tokens, temperature=temperature,
                                       messages=[{"role": "user", "content": prompt}])
        correct += reply.content[0].text.strip()[:1] == item["answer"]
    summary = {"accuracy": correct / len(items), "n": len(items)}
    summary["settings"] = {
        "model": model,
        "n_shots": n_shots,
        "temperature": temperature,
        "max_tokens": max_tokens,
        "shot_seed": shot_seed,
    }
    return summary


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="claude-3-5-haiku-latest")
    parser.add_argument("--shot-seed", type=int, default=0)
    args = parser.parse_args()
    data = json.loads(Path("data/mcq.json").read_text())
    result = evaluate(args.model, data["test"], data["dev"], shot_seed=args.shot_seed)
    Path("results").mkdir(exist_ok=True)
    Path(f"results/{args.model}.json").write_text(json.dumps(result, indent=2))
