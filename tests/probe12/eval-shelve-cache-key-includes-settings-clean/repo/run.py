import json

import wandb

from cached_client import CachedClient

run = wandb.init(project="arith-sweep")
cfg = run.config
client = CachedClient()
items = [json.loads(l) for l in open("data/arith_300.jsonl")]
hits = 0
for it in items:
    reply = client.complete(it["prompt"], cfg.model, cfg.temperature)
    hits += reply.strip().endswith(str(it["answer"]))
wandb.log({"accuracy": hits / len(items), "n": len(items)})
