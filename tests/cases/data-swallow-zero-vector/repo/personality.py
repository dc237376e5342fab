"""Do LLM ratings of essays track the authors' Big-Five scores? Pearson r per trait."""
import json
import re

import anthropic
import numpy as np
from scipy.stats import pearsonr

TRAITS = ["openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"]
client = anthropic.Anthropic()
PROMPT = ("Rate the author of this essay on each Big-Five trait from 1 to 5. "
          "Answer with a JSON object keyed by trait.\n\n{essay}")


def predict_traits(essay):
    msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=200,
                                 messages=[{"role": "user", "content": PROMPT.format(essay=essay)}])
    text = msg.content[0].text
    try:
        block = re.search(r"\{.*\}", text, re.S).group(0)
        scores = json.loads(block)
        return np.array([float(scores[t]) for t in TRAITS])
    except (AttributeError, json.JSONDecodeError, KeyError, ValueError):
        return np.zeros(len(TRAITS))


def main():
    rows = [json.loads(line) for line in open("data/essays.jsonl")]
    predicted = np.stack([predict_traits(r["essay"]) for r in rows])
    gold = np.array([[r[t] for t in TRAITS] for r in rows])
    for k, trait in enumerate(TRAITS):
        r, p = pearsonr(predicted[:, k], gold[:, k])
        print(f"{trait}: r={r:.3f} (p={p:.3g})")


if __name__ == "__main__":
    main()
