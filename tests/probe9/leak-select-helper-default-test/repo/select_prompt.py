import json

from evaluation import evaluate

VARIANTS = [
    "Answer yes or no.",
    "Read the passage carefully and answer yes or no.",
    "You are a careful reader. Reply with yes or no only.",
    "Answer the question about the passage with a single word: yes or no.",
    "Decide whether the statement is supported. Output yes or no.",
]

scores = {v: evaluate(v) for v in VARIANTS}
best = max(scores, key=scores.get)
json.dump({"best_instruction": best, "test_acc": scores[best]}, open("results/selected.json", "w"), indent=1)
