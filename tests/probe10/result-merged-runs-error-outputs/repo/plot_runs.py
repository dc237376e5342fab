import glob

import matplotlib.pyplot as plt
import pandas as pd

runs = pd.concat([pd.read_json(p, lines=True) for p in sorted(glob.glob("runs/*.jsonl"))])
acc = runs.groupby("model")["correct"].mean()
fig, ax = plt.subplots(figsize=(5, 3))
ax.bar(acc.index, acc.values)
ax.set_title(" vs ".join(f"{m}: {a:.1%}" for m, a in acc.items()))
fig.savefig("figures/accuracy.png", dpi=150, bbox_inches="tight")
