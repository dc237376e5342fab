import glob

import pandas as pd

files = sorted(glob.glob("completions/rank*.csv"))
frames = [pd.read_csv(f).add_prefix(f"rank{i}_") for i, f in enumerate(files)]
merged = pd.concat(frames, axis=1)
merged.to_csv("completions/all_samples.csv", index=False)
print(f"{len(merged)} questions x {merged.shape[1]} samples")
