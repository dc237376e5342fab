import pandas as pd
from scipy import stats

base = pd.read_json("runs/base_tqa.jsonl", lines=True)
steered = pd.read_json("runs/steered_alpha8_tqa.jsonl", lines=True)

both = base.merge(steered, on="qid", suffixes=("_base", "_steer"), validate="one_to_one")
print(f"{len(both)} items in both runs (base {len(base)}, steered {len(steered)})")
a = both["correct_base"].astype(float).to_numpy()
b = both["correct_steer"].astype(float).to_numpy()
t, p = stats.ttest_rel(b, a)
print(f"base {a.mean():.3f}  steered {b.mean():.3f}  diff {b.mean() - a.mean():+.3f}  p={p:.4f}")
