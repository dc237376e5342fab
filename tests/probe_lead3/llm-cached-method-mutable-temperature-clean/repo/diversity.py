import json

from sampler import Sampler

prompts = [json.loads(l)["prompt"] for l in open("data/story_prompts.jsonl")]
distinct = {}
for t in (0.0, 0.5, 1.0):
    sampler = Sampler("claude-3-5-haiku-latest", temperature=t)
    outs = [sampler.complete(p) for p in prompts]
    distinct[str(t)] = len({w for o in outs for w in o.split()}) / sum(len(o.split()) for o in outs)
json.dump(distinct, open("results/distinct_by_temperature.json", "w"), indent=2)
