import json
import statistics

from llmcache import complete

prompts = [l.strip() for l in open("data/story_openings.txt") if l.strip()]
SEEDS = range(5)


def distinct_2(texts):
    grams = [g for t in texts for g in zip(t.split(), t.split()[1:])]
    return len(set(grams)) / max(1, len(grams))


results = {"model": "gpt-4o-mini", "seeds": list(SEEDS), "n_prompts": len(prompts)}
for temp in (0.0, 0.7, 1.2):
    per_seed = [distinct_2([complete("gpt-4o-mini", p, temp, s) for p in prompts]) for s in SEEDS]
    results[str(temp)] = {"mean": statistics.mean(per_seed), "sd": statistics.stdev(per_seed)}
json.dump(results, open("results/diversity_vs_temperature.json", "w"), indent=2)
