import json

import cohere

from bench.cache import cached_chat

co = cohere.ClientV2()
MODELS = ["command-r-08-2024", "command-r-plus-08-2024"]
items = [json.loads(l) for l in open("data/triviaqa_dev.jsonl")]

for model in MODELS:
    hits = 0
    for it in items:
        reply = cached_chat(co, model, f"Answer in a few words.\nQ: {it['question']}\nA:")
        hits += any(a.lower() in reply.lower() for a in it["aliases"])
    print(f"{model}: {hits / len(items):.3f}")
