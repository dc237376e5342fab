import json

from redteam.judge import complied
from redteam.query import ask

MODELS = ["meta-llama/llama-3.1-70b-instruct", "mistralai/mistral-large", "qwen/qwen-2.5-72b-instruct"]


def main():
    attacks = [json.loads(l) for l in open("data/attacks.jsonl")]
    table = {}
    for model in MODELS:
        replies = [ask(model, a["prompt"]) for a in attacks]
        table[model] = sum(complied(r) for r in replies) / len(replies)
        print(model, f"attack success rate {table[model]:.2%}")
    with open("results/asr.json", "w") as fh:
        json.dump({"n_attacks": len(attacks), "asr": table}, fh, indent=2)


if __name__ == "__main__":
    main()
