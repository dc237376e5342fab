import json

from steering import evaluate_rate

base = evaluate_rate(scale=0.0)
steered = evaluate_rate(scale=-4.0)
json.dump({"model": "Llama-2-7b-chat", "layer": 13, "scale": -4.0, "n": 400,
           "sycophancy_rate": {"unsteered": round(base, 2), "steered": round(steered, 2)}},
          open("results/steering.json", "w"), indent=2)
