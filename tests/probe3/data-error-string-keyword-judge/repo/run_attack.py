import json
import sys

from harness.judge import is_refusal
from harness.query import ask

model = sys.argv[1]
with open("data/attack_prompts.jsonl") as f:
    prompts = [json.loads(line)["prompt"] for line in f]
replies = [ask(model, p) for p in prompts]
asr = sum(not is_refusal(r) for r in replies) / len(replies)
print(f"{model}: attack success rate {asr:.3f} (n={len(replies)})")
