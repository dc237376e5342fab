import pandas as pd
from scipy import stats

base = pd.read_json("runs/base_tqa.jsonl", lines=True)
steered = pd.read_json("runs/steered_alpha8_tqa.jsonl", lines=True)

a = base["correct"].astype(float).to_numpy()
b = steered["correct"].astype(float).to_numpy()
t, p = stats.ttest_ind(b, a)
print(f"base {a.mean():.3f}  steered {b.mean():.3f}  diff {b.mean() - a.mean():+.3f}  p={p:.4f}")
