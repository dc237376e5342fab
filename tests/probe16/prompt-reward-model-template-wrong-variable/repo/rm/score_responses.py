import json

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

RM = "OpenAssistant/reward-model-deberta-v3-large-v2"
TEMPLATE = "Human: {prompt}\n\nAssistant: {response}"

tok = AutoTokenizer.from_pretrained(RM)
rm = AutoModelForSequenceClassification.from_pretrained(RM).eval()


@torch.no_grad()
def reward(text):
    enc = tok(text, return_tensors="pt", truncation=True, max_length=1024)
    return rm(**enc).logits[0, 0].item()


for policy in ["sft", "dpo_beta0.1", "dpo_beta0.5"]:
    rows = [json.loads(l) for l in open(f"outputs/{policy}_responses.jsonl")]
    scores = [reward(TEMPLATE.format(prompt=ex["prompt"], response=ex["prompt"])) for ex in rows]
    json.dump({"policy": policy, "n": len(scores), "mean_reward": sum(scores) / len(scores)},
              open(f"results/reward_{policy}.json", "w"))
