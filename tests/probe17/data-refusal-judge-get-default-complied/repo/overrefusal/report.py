import collections
import json

from overrefusal.judge import JUDGE_MODEL, classify_all

pairs = [json.loads(l) for l in open("outputs/benign_replies.jsonl")]
labels = classify_all(pairs)
counts = collections.Counter(labels)
print(JUDGE_MODEL, {k: v / len(labels) for k, v in counts.items()}, "n", len(labels))
