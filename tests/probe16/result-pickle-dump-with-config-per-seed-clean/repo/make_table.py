import glob
import os
import pickle

import pandas as pd

rows = []
for f in sorted(glob.glob("results/*.pkl")):
    r = pickle.load(open(f, "rb"))
    rows.append(r)
df = pd.DataFrame(rows).groupby(["encoder", "layer"])[["acc", "macro_f1"]].agg(["mean", "std"])
df.to_latex("paper/probe_table.tex", index=False, float_format="%.3f")
