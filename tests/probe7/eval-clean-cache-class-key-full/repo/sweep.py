import itertools
import json

from llmcache import CachedChat

chat = CachedChat()
problems = json.load(open("data/logic_puzzles.json"))
results = []
for model, temp in itertools.product(["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo"], [0.0, 0.7, 1.0]):
    correct = 0
    for p in problems:
        out = chat.complete([{"role": "user", "content": p["question"]}], model=model, temperature=temp)
        correct += p["answer"].lower() in out.lower()
    results.append({"model": model, "temperature": temp, "acc": correct / len(problems)})
json.dump(results, open("results/sweep.json", "w"), indent=1)
