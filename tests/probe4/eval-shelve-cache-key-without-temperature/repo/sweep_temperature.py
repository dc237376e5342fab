import json
import itertools

from llmcache import CachedClient

cc = CachedClient()
prompts = [l.strip() for l in open("data/story_openings.txt") if l.strip()]


def distinct_2(texts):
    grams = [g for t in texts for g in zip(t.split(), t.split()[1:])]
    return len(set(grams)) / max(1, len(grams))


results = {}
for temp in (0.0, 0.7, 1.2):
    outs = [cc.complete("gpt-4o-mini", p, temperature=temp) for p in prompts]
    results[str(temp)] = {"distinct_2": distinct_2(outs), "n": len(outs)}
print(json.dumps(results, indent=2))
json.dump(results, open("results/diversity_vs_temperature.json", "w"), indent=2)
