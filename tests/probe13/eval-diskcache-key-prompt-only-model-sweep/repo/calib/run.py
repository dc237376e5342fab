import json
import re

import numpy as np

from calib.llm import ask

MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"]
TEMPS = [0.0, 1.0]
items = [json.loads(l) for l in open("data/statements.jsonl")]


def brier(model, temp):
    errs = []
    for it in items:
        reply = ask(f"Give the probability (0-1) that this is true: {it['text']}\nProbability:", model, temp)
        m = re.search(r"[01](?:\.\d+)?", reply)
        p = float(m.group()) if m else 0.5
        errs.append((p - it["label"]) ** 2)
    return float(np.mean(errs))


rows = [{"model": m, "temperature": t, "brier": brier(m, t), "n": len(items)} for m in MODELS for t in TEMPS]
json.dump(rows, open("results/brier.json", "w"), indent=1)
