import glob
import json

import pandas as pd

frames = []
for path in sorted(glob.glob("runs/*/scored.jsonl")):
    part = pd.read_json(path, lines=True)
    part["condition"] = path.split("/")[1]
    frames.append(part)
runs = pd.concat(frames, ignore_index=True)

base = runs[runs.condition == "baseline"]
steer = runs[(runs.condition == "steer_l14") & runs.parsed]
summary = {
    "baseline_refusal": base["refused"].mean(),
    "steered_refusal": steer["refused"].mean(),
}
summary["delta"] = summary["steered_refusal"] - summary["baseline_refusal"]
print(json.dumps(summary, indent=1))
json.dump(summary, open("results/steering_delta.json", "w"))
