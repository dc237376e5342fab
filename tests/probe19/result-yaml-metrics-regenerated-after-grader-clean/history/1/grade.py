import json
import re

import yaml


ARTICLES = re.compile(r"\b(a|an|the)\b")
PUNCT = re.compile(r"[^\w\s]")


def normalize(ans):
    ans = PUNCT.sub("", ans.lower())
    ans = ARTICLES.sub(" ", ans)
    return re.sub(r"\s+", " ", ans).strip()


def main():
    preds = [json.loads(l) for l in open("outputs/predictions.jsonl")]
    correct = sum(normalize(p["pred"]) == normalize(p["gold"]) for p in preds)
    with open("results/metrics.yaml", "w") as fh:
        yaml.safe_dump({"model": "llama-3.1-8b-instruct", "n": len(preds), "exact_match": round(correct / len(preds), 4)}, fh)


if __name__ == "__main__":
    main()
