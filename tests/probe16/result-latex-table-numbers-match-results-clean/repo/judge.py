import json

import numpy as np

wins = {}
for policy in ["sft", "dpo"]:
    rows = [json.loads(l) for l in open(f"outputs/judged_{policy}.jsonl")]
    w = np.array([r["winner"] == policy for r in rows], dtype=float)
    wins[policy] = {"win_rate": round(w.mean(), 3), "n": len(rows), "judge": "gpt-4o-2024-08-06"}
json.dump(wins, open("results/winrate.json", "w"), indent=1)
