import json
import re

import yaml


def normalize(ans):
    return re.sub(r"\s+", " ", ans.strip().lower())


def main():
    preds = [json.loads(l) for l in open("outputs/predictions.jsonl")]
    correct = sum(normalize(p["pred"]) == normalize(p["gold"]) for p in preds)
    with open("results/metrics.yaml", "w") as fh:
        yaml.safe_dump({"model": "llama-3.1-8b-instruct", "n": len(preds), "exact_match": round(correct / len(preds), 4)}, fh)


if __name__ == "__main__":
    main()
