import json

import pandas as pd

df = pd.read_json("outputs/classified.jsonl", lines=True)
rates = df.groupby("model")["refused"].mean().round(4).to_dict()
n = df.groupby("model").size().to_dict()
json.dump({m: {"refusal_rate": rates[m], "n": n[m]} for m in rates},
          open("results/refusal_rates.json", "w"), indent=2)
